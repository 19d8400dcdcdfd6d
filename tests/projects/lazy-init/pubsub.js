const { EventEmitter } = require("events");

let shared;

function get() {
    if (shared) {
        return shared;
    }
    shared = new EventEmitter();
    process.on("message", (message) => shared.emit(message.event, message.data));
    return shared;
}

module.exports = {
    publish(event, data) {
        get().emit(event, data);
    },
};

var EventEmitter2 = require('eventemitter2').EventEmitter2;

var longpoll = function(app) {
    if (!global.express_longpoll_emitters) {
        global.express_longpoll_emitters = {};
    }

    var _newDispatcher = function(url) {
        var dispatcher = new EventEmitter2({ wildcard: true, delimiter: "." });
        global.express_longpoll_emitters[url] = dispatcher;
        return dispatcher;
    };

    return {
        publishToId: function(url, id, data) {
            global.express_longpoll_emitters[url].emit("longpoll." + id, data);
        },

        _setupListener: function(url, middleware) {
            return new Promise((resolve, reject) => {
                if (global.express_longpoll_emitters[url]) {
                    return reject("URL already in use: " + url);
                }
                var dispatcher = _newDispatcher(url);

                app.get(url, middleware, (req, res) => {
                    var eventId = "longpoll";
                    if (req.id) {
                        eventId = eventId + "." + req.id;
                        // Clear all previous events for the ID, we only need one
                        dispatcher.removeAllListeners([eventId]);
                    }

                    var sub = function(res) {
                        // expect: LL002
                        dispatcher.once(eventId, function(data) {
                            res.json(data);
                        });
                    };
                    sub(res);
                });
                resolve();
            });
        }
    };
};

module.exports = longpoll;

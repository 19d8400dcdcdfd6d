const createCache = require("./ttl-cache");
const pubsub = require("./pubsub");

let counts;

exports.limitUploads = async (req, res, next) => {
    if (!counts) {
        counts = createCache("upload-counts");
    }
    pubsub.publish("upload", req.ip);
    next();
};

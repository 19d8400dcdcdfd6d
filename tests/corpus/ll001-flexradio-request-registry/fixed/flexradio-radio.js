module.exports = function (RED) {
  const Radio = require('./Radio');

  function FlexRadioNode(config) {
    RED.nodes.createNode(this, config);
    const node = this;
    node.radio = new Radio({ host: config.host, port: config.port });
    node.radio.connect();

    // Every message that reaches the node becomes one request to the radio.
    node.on('input', function (msg, send, done) {
      node.radio.send(msg.payload, function (response) {
        send({ payload: response });
        done();
      });
    });
  }

  RED.nodes.registerType('flexradio-radio', FlexRadioNode);
};

;(function (window) {
  // expect: LL001
  var responses = {};

  function Response(request) {
    this.id = request.id;
    this.type = 'response';
    this.data = perform(request.name, request.data, responses);
  }

  Response.prototype.send = function (target, origin) {
    target.postMessage(JSON.stringify({ id: this.id, type: this.type, data: this.data }), origin);
  };

  function onMessage(messageEvent) {
    var data;
    try {
      data = JSON.parse(messageEvent.data);
    } catch (e) {
      return;
    }
    if (data.type === 'request') {
      var response = new Response(data);
      responses[response.id] = response.data;
      response.send(messageEvent.source, messageEvent.origin);
    }
  }

  function perform(name, args, previous) {
    return { name: name, args: args, count: Object.keys(previous).length };
  }

  window.addEventListener('message', onMessage);
})(window);

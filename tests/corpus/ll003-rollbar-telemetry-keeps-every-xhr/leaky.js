var _ = require('../utility');

function replace(obj, name, replacement, replacements, type) {
  var orig = obj[name];
  obj[name] = replacement(orig);
  if (replacements) {
    replacements[type].push([obj, name, orig]);
  }
}

function restore(replacements, type) {
  var b;
  while (replacements[type].length) {
    b = replacements[type].shift();
    b[0][b[1]] = b[2];
  }
}

function Instrumenter(options, telemeter, rollbar, _window) {
  this.telemeter = telemeter;
  this.rollbar = rollbar;
  this._window = _window || {};
  this.replacements = {
    network: [],
    log: []
  };
}

Instrumenter.prototype.deinstrumentNetwork = function() {
  restore(this.replacements, 'network');
};

Instrumenter.prototype.instrumentNetwork = function() {
  var self = this;

  function wrapProp(prop, xhr) {
    if (prop in xhr && _.isFunction(xhr[prop])) {
      // expect: LL003
      replace(xhr, prop, function(orig) {
        return self.rollbar.wrap(orig);
      }, self.replacements, 'network');
    }
  }

  if ('XMLHttpRequest' in this._window) {
    var xhrp = this._window.XMLHttpRequest.prototype;
    replace(xhrp, 'open', function(orig) {
      return function(method, url) {
        this.__rollbar_xhr = { method: method, url: url, status_code: null, start_time_ms: _.now() };
        return orig.apply(this, arguments);
      };
    }, this.replacements, 'network');

    replace(xhrp, 'send', function(orig) {
      return function(data) {
        var xhr = this;

        function onreadystatechangeHandler() {
          if (xhr.__rollbar_xhr && xhr.readyState === 4) {
            xhr.__rollbar_xhr.status_code = xhr.status;
            xhr.__rollbar_event = self.telemeter.captureNetwork(xhr.__rollbar_xhr, 'xhr');
          }
        }

        wrapProp('onload', xhr);
        wrapProp('onerror', xhr);
        wrapProp('onprogress', xhr);

        if ('onreadystatechange' in xhr && _.isFunction(xhr.onreadystatechange)) {
          replace(xhr, 'onreadystatechange', function(orig) {
            return self.rollbar.wrap(orig, undefined, onreadystatechangeHandler);
          });
        } else {
          xhr.onreadystatechange = onreadystatechangeHandler;
        }
        return orig.apply(this, arguments);
      };
    }, this.replacements, 'network');
  }
};

module.exports = Instrumenter;

(function (root, factory) {
  if (typeof exports === 'object') {
    module.exports = factory();
  } else {
    root.OnClickOutside = factory();
  }
}(this, function () {
  'use strict';

  // Parallel arrays: objects cannot be used as keys of a plain object.
  // expect: LL001
  var registeredComponents = [];
  // expect: LL001
  var handlers = [];

  return {
    componentDidMount: function () {
      var fn = (function (localNode, eventHandler) {
        return function (evt) {
          var source = evt.target;
          while (source.parentNode) {
            if (source === localNode) return;
            source = source.parentNode;
          }
          eventHandler(evt);
        };
      }(this.getDOMNode(), this.handleClickOutside));

      document.addEventListener('mousedown', fn);
      var pos = registeredComponents.length;
      registeredComponents.push(this);
      handlers[pos] = fn;
    },

    componentWillUnmount: function () {
      var pos = registeredComponents.indexOf(this);
      if (pos > -1) {
        var fn = handlers[pos];
        if (fn) {
          document.removeEventListener('mousedown', fn);
        }
      }
    }
  };
}));

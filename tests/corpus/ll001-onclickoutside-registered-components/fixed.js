(function (root, factory) {
  if (typeof exports === 'object') {
    module.exports = factory();
  } else {
    root.OnClickOutside = factory();
  }
}(this, function () {
  'use strict';

  // Parallel arrays: objects cannot be used as keys of a plain object.
  var registeredComponents = [];
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
          // Drop both entries so the component can be collected.
          handlers.splice(pos, 1);
          registeredComponents.splice(pos, 1);
          document.removeEventListener('mousedown', fn);
        }
      }
    }
  };
}));

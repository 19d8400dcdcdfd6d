var __indexOf = [].indexOf;

Rivets.public.adapters['.'] = {
  id: '_rv',
  counter: 0,
  weakmap: {},

  weakReference: function(obj) {
    if (!obj.hasOwnProperty(this.id)) {
      var id = this.counter++;
      Object.defineProperty(obj, this.id, { value: id });
    }
    return this.weakmap[obj[this.id]] || (this.weakmap[obj[this.id]] = { callbacks: {} });
  },

  observe: function(obj, keypath, callback) {
    var callbacks, desc, value;
    callbacks = this.weakReference(obj).callbacks;
    if (callbacks[keypath] == null) {
      callbacks[keypath] = [];
      desc = Object.getOwnPropertyDescriptor(obj, keypath);
      if (!((desc != null ? desc.get : void 0) || (desc != null ? desc.set : void 0))) {
        value = obj[keypath];
        Object.defineProperty(obj, keypath, {
          enumerable: true,
          get: function() {
            return value;
          },
          set: (function(_this) {
            // expect: LL005
            return function(newValue) {
              var map, _i, _len, _ref1;
              if (newValue !== value) {
                value = newValue;
                if (map = _this.weakmap[obj[_this.id]]) {
                  callbacks = map.callbacks;
                  if (callbacks[keypath]) {
                    _ref1 = callbacks[keypath].slice();
                    for (_i = 0, _len = _ref1.length; _i < _len; _i++) {
                      callback = _ref1[_i];
                      if (__indexOf.call(callbacks[keypath], callback) >= 0) {
                        callback();
                      }
                    }
                  }
                }
              }
            };
          })(this)
        });
      }
    }
    if (__indexOf.call(callbacks[keypath], callback) < 0) {
      callbacks[keypath].push(callback);
    }
  },

  unobserve: function(obj, keypath, callback) {
    var map, callbacks, idx;
    if (map = this.weakmap[obj[this.id]]) {
      if (callbacks = map.callbacks[keypath]) {
        if ((idx = callbacks.indexOf(callback)) >= 0) {
          callbacks.splice(idx, 1);
          if (!callbacks.length) delete map.callbacks[keypath];
        }
      }
    }
  }
};

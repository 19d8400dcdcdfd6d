var Draw = require('./draw');
var Behaviors = require('./behaviors');

AFRAME.registerComponent('keyboard', {
  schema: {
    isOpen: { type: 'boolean', default: false },
    physicalKeyboard: { type: 'boolean', default: false }
  },
  init: function () {
    var that = this;
    this.el.appendChild(Draw.init(this.el));
    this.el.alphabeticalLayout = Draw.alphabeticalLayout();

    this.el.addEventListener('input', this.inputEvent.bind(this));
    this.el.addEventListener('backspace', this.backspaceEvent.bind(this));
    this.el.addEventListener('dismiss', this.dismissEvent.bind(this));

    // expect: LL002
    document.addEventListener('keydown', this.keydownEvent.bind(this));
    // expect: LL002
    document.body.addEventListener('didfocusinput', this.didFocusInputEvent.bind(this));
    // expect: LL002
    document.body.addEventListener('didblurinput', this.didBlurInputEvent.bind(this));
  },
  update: function () {
    if (this.data.isOpen) {
      Behaviors.openKeyboard(this.el);
    } else {
      Behaviors.dismissKeyboard(this.el);
    }
  },
  remove: function () {
    this.el.removeEventListener('input', this.inputEvent.bind(this));
    this.el.removeEventListener('backspace', this.backspaceEvent.bind(this));
    this.el.removeEventListener('dismiss', this.dismissEvent.bind(this));

    document.removeEventListener('keydown', this.keydownEvent.bind(this));
    document.body.removeEventListener('didfocusinput', this.didFocusInputEvent.bind(this));
    document.body.removeEventListener('didblurinput', this.didBlurInputEvent.bind(this));
  },
  inputEvent: function (e) {
    if (this.el.currentInput) {
      this.el.currentInput.appendString(e.detail);
    }
  },
  backspaceEvent: function () {
    if (this.el.currentInput) {
      this.el.currentInput.deleteLast();
    }
  },
  dismissEvent: function () {
    if (this.el.currentInput) {
      this.el.currentInput.blur();
    }
  },
  keydownEvent: function (e) {
    if (this.el.currentInput && this.data.physicalKeyboard) {
      e.preventDefault();
      Behaviors.showKeyPress(this.el, e.key);
    }
  },
  didFocusInputEvent: function (e) {
    this.el.currentInput = e.detail;
    this.el.setAttribute('keyboard', 'isOpen', true);
  },
  didBlurInputEvent: function () {
    this.el.currentInput = null;
    this.el.setAttribute('keyboard', 'isOpen', false);
  }
});

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

    this.inputEvent = this.inputEvent.bind(this);
    this.backspaceEvent = this.backspaceEvent.bind(this);
    this.dismissEvent = this.dismissEvent.bind(this);
    this.keydownEvent = this.keydownEvent.bind(this);
    this.didFocusInputEvent = this.didFocusInputEvent.bind(this);
    this.didBlurInputEvent = this.didBlurInputEvent.bind(this);

    this.el.addEventListener('input', this.inputEvent);
    this.el.addEventListener('backspace', this.backspaceEvent);
    this.el.addEventListener('dismiss', this.dismissEvent);

    document.addEventListener('keydown', this.keydownEvent);
    document.body.addEventListener('didfocusinput', this.didFocusInputEvent);
    document.body.addEventListener('didblurinput', this.didBlurInputEvent);
  },
  update: function () {
    if (this.data.isOpen) {
      Behaviors.openKeyboard(this.el);
    } else {
      Behaviors.dismissKeyboard(this.el);
    }
  },
  remove: function () {
    this.el.removeEventListener('input', this.inputEvent);
    this.el.removeEventListener('backspace', this.backspaceEvent);
    this.el.removeEventListener('dismiss', this.dismissEvent);

    document.removeEventListener('keydown', this.keydownEvent);
    document.body.removeEventListener('didfocusinput', this.didFocusInputEvent);
    document.body.removeEventListener('didblurinput', this.didBlurInputEvent);
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

'use strict';

class BaseCanvas {
  constructor(options) {
    this.root = options.root;
    this.nodes = [];
    this.edges = [];
    this._init();
  }

  _init() {
    // expect: LL004
    this._updateInterval = setInterval(() => {
      this.nodes.forEach((item) => {
        item._isForceUpdateSize = true;
      });
    }, 5000);
  }

  addNode(node) {
    this.nodes.push(node);
    this.root.appendChild(node.dom);
  }

  removeNode(node) {
    this.nodes = this.nodes.filter((item) => item !== node);
    node.dom.remove();
  }

  destroy() {
    this.nodes.forEach((node) => node.dom.remove());
    this.nodes = [];
    this.edges = [];
  }
}

module.exports = BaseCanvas;

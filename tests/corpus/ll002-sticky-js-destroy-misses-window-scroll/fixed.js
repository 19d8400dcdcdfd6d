class Sticky {
  constructor(selector = '', options = {}) {
    this.selector = selector;
    this.elements = [];
    this.options = { marginTop: options.marginTop || 0 };

    this.updateScrollTopPosition = this.updateScrollTopPosition.bind(this);

    this.updateScrollTopPosition();
    window.addEventListener('load', this.updateScrollTopPosition);
    window.addEventListener('scroll', this.updateScrollTopPosition);

    this.run();
  }

  run() {
    const elements = document.querySelectorAll(this.selector);
    elements.forEach((element) => this.renderElement(element));
  }

  renderElement(element) {
    element.sticky = { marginTop: this.options.marginTop };
    this.elements.push(element);
    this.initResizeEvents(element);
    this.initScrollEvents(element);
  }

  initResizeEvents(element) {
    element.sticky.resizeListener = () => this.onResizeEvents(element);
    window.addEventListener('resize', element.sticky.resizeListener);
  }

  destroyResizeEvents(element) {
    window.removeEventListener('resize', element.sticky.resizeListener);
  }

  initScrollEvents(element) {
    element.sticky.scrollListener = () => this.onScrollEvents(element);
    window.addEventListener('scroll', element.sticky.scrollListener);
  }

  destroyScrollEvents(element) {
    window.removeEventListener('scroll', element.sticky.scrollListener);
  }

  onResizeEvents(element) { this.setPosition(element); }

  onScrollEvents(element) { if (element.sticky && element.sticky.active) this.setPosition(element); }

  updateScrollTopPosition() {
    this.scrollTop = (window.pageYOffset || document.scrollTop) - (document.clientTop || 0) || 0;
  }

  setPosition(element) { element.style.top = `${this.options.marginTop}px`; }

  destroy() {
    window.removeEventListener('load', this.updateScrollTopPosition);
    window.removeEventListener('scroll', this.updateScrollTopPosition);

    this.elements.forEach((element) => {
      this.destroyResizeEvents(element);
      this.destroyScrollEvents(element);
      delete element.sticky;
    });
  }
}

export default Sticky;

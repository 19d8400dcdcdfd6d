const PDFViewerApplication = {
  _windowAbortController: null,
  eventBus: null,

  bindWindowEvents() {
    if (this._windowAbortController) {
      return;
    }
    this._windowAbortController = new AbortController();
    const { signal } = this._windowAbortController;
    const { eventBus } = this;

    window.addEventListener('visibilitychange', () => eventBus.dispatch('visibilitychange'), { signal });
    window.addEventListener('resize', () => eventBus.dispatch('resize', { source: window }), { signal });
    window.addEventListener('hashchange', () => eventBus.dispatch('hashchange', { hash: location.hash }), { signal });
    window.addEventListener('beforeprint', () => eventBus.dispatch('beforeprint'), { signal });
  },

  unbindWindowEvents() {
    this._windowAbortController?.abort();
    this._windowAbortController = null;
  },
};

export { PDFViewerApplication };

const handlers = new Map();

function makeIdGetter(widgetId) {
  return function innerG() {
    return widgetId;
  };
}

function buildHandler(widgetId) {
  const HUGE = new Array(1e6).fill(widgetId);
  const GIANT = new Array(1e6).fill(HUGE.length);
  void GIANT.length;
  return makeIdGetter(widgetId);
}

export function mountWidget(widgetId) {
  handlers.set(widgetId, buildHandler(widgetId));
}

export function unmountWidget(widgetId) {
  handlers.delete(widgetId);
}

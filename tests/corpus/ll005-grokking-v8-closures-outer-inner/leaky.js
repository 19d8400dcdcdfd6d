const handlers = new Map();

function buildHandler(widgetId) {
  const HUGE = new Array(1e6).fill(widgetId);

  function inner() {
    const GIANT = new Array(1e6).fill(HUGE.length);
    function innerF() {
      return GIANT.length;
    }
    // expect: LL005
    function innerG() {
      return widgetId;
    }
    innerF();
    return innerG;
  }

  return inner();
}

export function mountWidget(widgetId) {
  handlers.set(widgetId, buildHandler(widgetId));
}

export function unmountWidget(widgetId) {
  handlers.delete(widgetId);
}

// Drag any element by a handle; one document-level mousemove listener
// dispatches pointer positions to every registered element. The returned
// handle's remove() unregisters the element.
let _loaded = false;
const _callbacks = new Set();
const _isTouch = window.ontouchstart !== undefined;

export const dragmove = function (target, handler, onStart, onEnd) {
  if (!_loaded) {
    document.addEventListener(_isTouch ? "touchmove" : "mousemove", function (e) {
      const c = e.touches ? e.touches[0] : e;
      for (const cb of _callbacks) {
        cb(c.clientX, c.clientY);
      }
    });
  }
  _loaded = true;

  let isMoving = false, hasStarted = false;
  let startX = 0, startY = 0, lastX = 0, lastY = 0;

  function onDown(e) {
    e.stopPropagation();
    e.preventDefault();
    if (target.dataset.dragEnabled === "false") {
      return;
    }
    const c = e.touches ? e.touches[0] : e;
    isMoving = true;
    startX = target.offsetLeft - c.clientX;
    startY = target.offsetTop - c.clientY;
  }

  function onUp() {
    if (onEnd && hasStarted) {
      onEnd(target, parseInt(target.style.left), parseInt(target.style.top));
    }
    isMoving = false;
    hasStarted = false;
  }

  function move(x, y) {
    if (!isMoving) {
      return;
    }
    if (!hasStarted) {
      hasStarted = true;
      if (onStart) {
        onStart(target, lastX, lastY);
      }
    }
    lastX = x + startX;
    lastY = y + startY;
    if (target.dataset.dragBoundary === "true") {
      lastX = Math.min(window.innerWidth - target.offsetWidth, Math.max(0, lastX));
      lastY = Math.min(window.innerHeight - target.offsetHeight, Math.max(0, lastY));
    }
    target.style.left = lastX + "px";
    target.style.top = lastY + "px";
  }

  handler.addEventListener(_isTouch ? "touchstart" : "mousedown", onDown);
  document.addEventListener(_isTouch ? "touchend" : "mouseup", onUp);
  _callbacks.add(move);

  return {
    remove() {
      handler.removeEventListener(_isTouch ? "touchstart" : "mousedown", onDown);
      document.removeEventListener(_isTouch ? "touchend" : "mouseup", onUp);
      _callbacks.delete(move);
    }
  };
};

export { dragmove as default };

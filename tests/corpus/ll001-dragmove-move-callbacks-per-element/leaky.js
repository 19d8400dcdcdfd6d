// Drag any element by a handle; one document-level mousemove listener
// dispatches pointer positions to every registered element.
let _loaded = false;
// expect: LL001
let _callbacks = [];
const _isTouch = window.ontouchstart !== undefined;

export const dragmove = function (target, handler, onStart, onEnd) {
  // The global mousemove listener is registered once.
  if (!_loaded) {
    document.addEventListener(_isTouch ? "touchmove" : "mousemove", function (e) {
      const c = e.touches ? e.touches[0] : e;
      for (let i = 0; i < _callbacks.length; i++) {
        _callbacks[i](c.clientX, c.clientY);
      }
    });
  }
  _loaded = true;

  let isMoving = false, hasStarted = false;
  let startX = 0, startY = 0, lastX = 0, lastY = 0;

  handler.addEventListener(_isTouch ? "touchstart" : "mousedown", function (e) {
    e.stopPropagation();
    e.preventDefault();
    if (target.dataset.dragEnabled === "false") {
      return;
    }
    const c = e.touches ? e.touches[0] : e;
    isMoving = true;
    startX = target.offsetLeft - c.clientX;
    startY = target.offsetTop - c.clientY;
  });

  // expect: LL002
  document.addEventListener(_isTouch ? "touchend" : "mouseup", function () {
    if (onEnd && hasStarted) {
      onEnd(target, parseInt(target.style.left), parseInt(target.style.top));
    }
    isMoving = false;
    hasStarted = false;
  });

  _callbacks.push(function move(x, y) {
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
  });
};

export { dragmove as default };

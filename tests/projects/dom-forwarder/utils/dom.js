// A DOM utility module: its helpers take the target first and forward to it.
let supportsCaptureOption = false;

export function addEventListener(target, type, handler, options) {
    let optionsOrCapture = options || {};
    if (!supportsCaptureOption) {
        optionsOrCapture = optionsOrCapture.capture;
    }
    target.addEventListener(type, handler, optionsOrCapture);
}

export function removeEventListener(target, type, handler, options) {
    let optionsOrCapture = options || {};
    if (!supportsCaptureOption) {
        optionsOrCapture = optionsOrCapture.capture;
    }
    target.removeEventListener(type, handler, optionsOrCapture);
}

export function parentWithClass(elem, className) {
    return elem.closest(`.${className}`);
}

export default { addEventListener, removeEventListener, parentWithClass };

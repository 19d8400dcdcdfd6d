namespace teamsSdk {
  let parentWindow: Window;
  let nextMessageId = 0;
  let callbacks: { [id: number]: Function } = {};

  export function initialize(): void {
    parentWindow = window.parent;
    window.addEventListener('message', handleParentMessage, false);
  }

  export function _uninitialize(): void {
    nextMessageId = 0;
    callbacks = {};
    window.removeEventListener('message', handleParentMessage, false);
  }

  export function getContext(callback: (context: object) => void): void {
    const messageId = sendMessageRequest(parentWindow, 'getContext');
    callbacks[messageId] = callback;
  }

  function handleParentMessage(evt: MessageEvent): void {
    if ('id' in evt.data) {
      const callback = callbacks[evt.data.id];
      if (callback) {
        callback.apply(null, evt.data.args);
        // Called once: drop it so the map does not keep every request.
        delete callbacks[evt.data.id];
      }
    }
  }

  function sendMessageRequest(target: Window, func: string, args?: any[]): number {
    const request = { id: nextMessageId++, func: func, args: args || [] };
    target.postMessage(request, '*');
    return request.id;
  }
}

const XHR_DATA_KEY = '__sentry_xhr_v3__';

type HandlerData = { startTimestamp: number; endTimestamp?: number; xhr: XMLHttpRequest };
type Handler = (data: HandlerData) => void;

const handlers: Handler[] = [];

export function addXhrHandler(handler: Handler) {
  handlers.push(handler);
}

export function instrumentXHR(): void {
  const proto = XMLHttpRequest.prototype as any;
  const originalOpen = proto.open;

  proto.open = function (this: XMLHttpRequest & Record<string, any>, ...args: any[]) {
    const startTimestamp = Date.now();
    this[XHR_DATA_KEY] = { method: String(args[0]).toUpperCase(), url: String(args[1]) };

    const onReadyStateChange = () => {
      if (this.readyState !== 4) return;
      this.removeEventListener('readystatechange', onReadyStateChange);
      this[XHR_DATA_KEY].status_code = this.status;
      for (const handler of handlers) handler({ startTimestamp, endTimestamp: Date.now(), xhr: this });
    };
    this.addEventListener('readystatechange', onReadyStateChange);

    return originalOpen.apply(this, args);
  };
}

import ContextDeduplicator from './ContextDeduplicator';

export default class EventProcessor {
  private queue: object[] = [];

  private flushUsersTimer: any = null;

  constructor(private readonly contextDeduplicator: ContextDeduplicator) {
    this.flushUsersTimer = setInterval(() => {
      this.contextDeduplicator.flush();
    }, this.contextDeduplicator.flushInterval * 1000);
  }

  sendEvent(inputEvent: { kind: string; context: { canonicalKey: string } }) {
    if (this.contextDeduplicator.processContext(inputEvent.context)) {
      this.queue.push({ kind: 'index', context: inputEvent.context });
    }
    this.queue.push(inputEvent);
    if (this.queue.length > 100) {
      this.queue = [];
    }
  }

  close() {
    clearInterval(this.flushUsersTimer);
  }
}

import { EventType } from '../events/event_manager.js';
import { serviceLocator } from '../service_locator.js';

export class RequestList {
  requests: { url: string; uniqueKey: string }[] = [];
  private persistStateKey?: string;
  private isInitialized = false;

  private constructor(options: { persistStateKey?: string } = {}) {
    this.persistStateKey = options.persistStateKey;
    this.persistState = this.persistState.bind(this);
  }

  static async open(options: { persistStateKey?: string }) {
    const list = new RequestList(options);
    await list.initialize();
    return list;
  }

  async initialize() {
    if (this.isInitialized) throw new Error('RequestList already initialized');
    this.isInitialized = true;
    if (this.persistStateKey) {
      const events = serviceLocator.getEventManager();
      events.on(EventType.PERSIST_STATE, this.persistState);
    }
    return this;
  }

  async teardown() {
    if (this.persistStateKey) {
      serviceLocator.getEventManager().off(EventType.PERSIST_STATE, this.persistState);
      await this.persistState();
    }
  }

  async persistState() {
    await saveState(this.persistStateKey!, this.requests.length);
  }
}

declare function saveState(key: string, size: number): Promise<void>;

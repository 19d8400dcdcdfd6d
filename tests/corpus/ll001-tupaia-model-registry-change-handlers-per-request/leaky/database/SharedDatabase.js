import { randomUUID } from 'crypto';
import { openConnection } from './connection';

export class SharedDatabase {
  constructor(transactingConnection) {
    this.isShared = !transactingConnection;
    // expect: LL001
    this.changeHandlers = {};
    this.connection = transactingConnection || openConnection();
    this.connection.onChange(change => this.notifyChangeHandlers(change));
  }

  addChangeHandlerForCollection(collectionName, handler, key = randomUUID()) {
    this.handlersFor(collectionName)[key] = handler;
    return () => {
      delete this.handlersFor(collectionName)[key];
    };
  }

  handlersFor(collectionName) {
    if (!this.changeHandlers[collectionName]) {
      this.changeHandlers[collectionName] = {};
    }
    return this.changeHandlers[collectionName];
  }

  async notifyChangeHandlers(change) {
    for (const handler of Object.values(this.handlersFor(change.record_type))) {
      await handler(change);
    }
  }

  find(recordType, criteria) {
    return this.connection.select(recordType, criteria);
  }
}

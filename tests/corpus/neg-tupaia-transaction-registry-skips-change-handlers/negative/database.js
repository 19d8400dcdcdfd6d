import { randomUUID } from 'crypto';

export class Database {
  constructor(transactingConnection) {
    this.isSingleton = !transactingConnection;
    this.changeHandlers = {};
    this.connection = transactingConnection || null;
  }

  addChangeHandlerForCollection(collectionName, handler, key = randomUUID()) {
    if (!this.changeHandlers[collectionName]) this.changeHandlers[collectionName] = {};
    this.changeHandlers[collectionName][key] = handler;
    return () => {
      delete this.changeHandlers[collectionName][key];
    };
  }

  async wrapInTransaction(work) {
    const trx = await this.beginTransaction();
    try {
      const result = await work(new Database(trx));
      await trx.commit();
      return result;
    } catch (e) {
      await trx.rollback();
      throw e;
    }
  }
}

export class Model {
  constructor(database, recordType) {
    this.database = database;
    this.recordType = recordType;
    this.cache = {};
    // only the long-running shared connection needs cache invalidation;
    // transaction-scoped models are short lived
    if (this.database.isSingleton) {
      this.database.addChangeHandlerForCollection(recordType, () => {
        this.cache = {};
      });
    }
  }
}

const RECORD_TYPES = ['survey', 'surveyResponse', 'answer', 'entity'];

export class ModelRegistry {
  constructor(database) {
    this.database = database;
    for (const type of RECORD_TYPES) {
      this[type] = new Model(database, type);
    }
  }

  wrapInTransaction(work) {
    return this.database.wrapInTransaction(transactingDatabase => work(new ModelRegistry(transactingDatabase)));
  }
}

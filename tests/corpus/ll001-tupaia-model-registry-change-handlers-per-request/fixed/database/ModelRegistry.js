import { modelClasses } from './modelClasses';

export class DatabaseModel {
  constructor(database) {
    this.database = database;
    this.cache = {};
    if (this.database.isShared) {
      // drop the cache whenever a record of this model changes
      this.database.addChangeHandlerForCollection(this.recordType, () => {
        this.cache = {};
      });
    }
  }

  async find(criteria) {
    const key = JSON.stringify(criteria);
    if (!this.cache[key]) this.cache[key] = this.database.find(this.recordType, criteria);
    return this.cache[key];
  }
}

export class ModelRegistry {
  constructor(database) {
    this.database = database;
    Object.entries(modelClasses).forEach(([name, ModelClass]) => {
      this[name] = new ModelClass(database);
    });
  }
}

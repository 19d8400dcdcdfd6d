import { ModelRegistry } from '../database/ModelRegistry';
import { SharedDatabase } from '../database/SharedDatabase';

let database;

const getDatabase = () => {
  if (!database) {
    database = new SharedDatabase();
  }
  return database;
};

export class DataBroker {
  constructor(context = {}) {
    this.context = context;
    this.models = new ModelRegistry(getDatabase());
  }

  async pull(codes) {
    const sources = await this.models.dataSource.find({ code: codes });
    return sources.map(source => ({ code: source.code, values: [] }));
  }
}

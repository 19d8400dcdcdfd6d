import { ModelRegistry } from '../database/ModelRegistry';
import { SharedDatabase } from '../database/SharedDatabase';

let modelRegistry;

const getModelRegistry = () => {
  if (!modelRegistry) {
    modelRegistry = new ModelRegistry(new SharedDatabase());
  }
  return modelRegistry;
};

export class DataBroker {
  constructor(context = {}) {
    this.context = context;
    this.models = getModelRegistry();
  }

  async pull(codes) {
    const sources = await this.models.dataSource.find({ code: codes });
    return sources.map(source => ({ code: source.code, values: [] }));
  }
}

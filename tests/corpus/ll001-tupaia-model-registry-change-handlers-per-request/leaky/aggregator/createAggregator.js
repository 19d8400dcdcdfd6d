import { DataBroker } from '../data-broker/DataBroker';

export const createAggregator = (AggregatorClass, context) => {
  const dataBroker = new DataBroker(context);
  return new AggregatorClass(dataBroker);
};

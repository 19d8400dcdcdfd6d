import { createAggregator } from '../aggregator/createAggregator';
import { Aggregator } from '../aggregator/Aggregator';

export class DataRouteHandler {
  constructor(req, res) {
    this.req = req;
    this.res = res;
    this.aggregator = createAggregator(Aggregator, { user: req.user });
  }

  async handle() {
    const data = await this.aggregator.fetchAnalytics(this.req.query.codes.split(','));
    this.res.json(data);
  }
}

export const addDataRoutes = app => {
  app.get('/api/v1/dashboard/:code', (req, res) => new DataRouteHandler(req, res).handle());
};

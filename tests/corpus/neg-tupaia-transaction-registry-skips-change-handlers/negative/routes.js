import { Database, ModelRegistry } from './database';

const models = new ModelRegistry(new Database());

export const addRoutes = app => {
  app.post('/api/v2/surveyResponse', async (req, res) => {
    const saved = await models.wrapInTransaction(async transactingModels => {
      return transactingModels.surveyResponse.database.connection.insert('survey_response', req.body);
    });
    res.json({ id: saved.id });
  });
};

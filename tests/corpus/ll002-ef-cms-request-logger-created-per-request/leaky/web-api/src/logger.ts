import { cloneDeep, get } from 'lodash';
import { createLogger } from './createLogger';
import { getCurrentInvoke } from '@vendia/serverless-express';
import { transports } from 'winston';

let cache;
const console = () =>
  cache ||
  (cache = new transports.Console({
    handleExceptions: true,
    handleRejections: true,
  }));

export const logger =
  (transport = console()) =>
  (req, res, next) => {
    // expect: LL002
    const createdLogger = createLogger({ transports: [transport] });

    if (process.env.NODE_ENV === 'production') {
      const requestBody = cloneDeep(req.body);
      const currentInvoke = getCurrentInvoke();
      createdLogger.defaultMeta = {
        request: {
          body: JSON.stringify(requestBody),
          headers: req.headers,
          method: req.method,
          url: req.url,
        },
        requestId: {
          apiGateway: get(currentInvoke, 'event.requestContext.requestId'),
          applicationLoadBalancer: req.get('x-amzn-trace-id'),
        },
      };
    }

    createdLogger.debug(`Request started: ${req.method} ${req.url}`);

    req.locals = req.locals || {};
    req.locals.logger = createdLogger;
    req.locals.startTime = new Date();

    const { end } = res;

    res.end = function () {
      end.apply(this, arguments);
      const responseTimeMs = Date.now() - req.locals.startTime.getTime();
      req.locals.logger.info(`Request ended: ${req.method} ${req.url}`, {
        response: { responseTimeMs, statusCode: res.statusCode },
      });
    };

    return next();
  };

import { config, createLogger as createWinstonLogger, format, transports } from 'winston';

export const createLogger = (opts = {}) => {
  const options: any = {
    defaultMeta: {},
    level: process.env.LOG_LEVEL || 'debug',
    levels: config.syslog.levels,
    transports: [new transports.Console()],
    ...opts,
  };

  options.format = format.combine(format.errors({ stack: true }), format.json());

  const logger = createWinstonLogger(options);

  // alias Winston's "warning" to "warn".
  logger.warn = logger.warning;
  return logger;
};

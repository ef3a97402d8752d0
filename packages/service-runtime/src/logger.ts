import { pino, type Logger } from 'pino';

export type { Logger };

/** The one logger of a service: JSON lines on stdout, the service's name on every line. */
export function createLogger(service: string): Logger {
  return pino({
    name: service,
    level: process.env['LOG_LEVEL'] ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

import * as Sentry from '@sentry/node';
import type { Logger } from 'pino';

/**
 * Reports a failure that the request survives (work done on the side that could not be done): one
 * log line (object first) and one Sentry error event, captured in the current scope so that it is
 * on the request's trace. The request's answer is not affected.
 */
export function reportFailure(log: Logger, error: unknown, message: string, details: Record<string, unknown> = {}): void {
  log.error({ err: error, ...details }, message);
  Sentry.captureException(error, { level: 'error', tags: { 'failure.survived': 'true' }, contexts: { failure: { message, ...details } } });
}

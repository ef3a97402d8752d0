/**
 * What the apply command prints for a failure, in one line without a stack trace, and the exit
 * code: 2 for bad usage (flags, environment), 1 for everything else.
 */
import { DefinitionWriteError, UnknownProjectError } from './apply-definitions.js';
import { UsageError } from './apply-config.js';
import { DefinitionError } from './load-definitions.js';
import { REQUIRED_SCOPES, SentryApiError, SentryResponseError, SentryUnreachableError } from './sentry-api-client.js';

export interface Failure {
  message: string;
  exitCode: 1 | 2;
}

const SCOPES = `${REQUIRED_SCOPES.slice(0, -1).join(', ')} and ${REQUIRED_SCOPES.at(-1)}`;

function fromApiError(error: SentryApiError, context: { org: string; prefix: string }): string {
  const request = `${error.method} ${error.path}`;
  const detail = error.detail ? ` (Sentry: ${error.detail})` : '';
  switch (error.status) {
    case 401:
      return `${context.prefix}Sentry answered 401 to ${request}: SENTRY_AUTH_TOKEN is invalid or expired${detail}; create a token with the scopes ${SCOPES}`;
    case 403:
      return `${context.prefix}Sentry answered 403 to ${request}: SENTRY_AUTH_TOKEN lacks a scope; it needs ${SCOPES} (a user auth token or an internal integration's token; organization tokens carry org:ci only)${detail}`;
    case 404:
      return `${context.prefix}Sentry answered 404 to ${request}: expected organization "${context.org}" to exist, be visible to the token and have the feature${detail}`;
    case 400:
      return `${context.prefix}Sentry rejected ${request} with 400${detail}`;
    default:
      return `${context.prefix}${error.message}`;
  }
}

export function failureMessage(error: unknown, org: string): Failure {
  if (error instanceof UsageError) return { message: error.message, exitCode: 2 };
  if (error instanceof UnknownProjectError) return { message: error.message, exitCode: 1 };
  if (error instanceof DefinitionWriteError) {
    const { definition, action } = error.write;
    return {
      message: fromApiError(error.cause, { org, prefix: `${definition.file}: ${action} ${definition.kind} "${definition.name}": ` }),
      exitCode: 1,
    };
  }
  if (error instanceof SentryApiError) return { message: fromApiError(error, { org, prefix: '' }), exitCode: 1 };
  if (error instanceof SentryUnreachableError) return { message: `${error.message}; check SENTRY_URL and the network`, exitCode: 1 };
  if (error instanceof DefinitionError || error instanceof SentryResponseError) return { message: error.message, exitCode: 1 };
  return { message: `unexpected failure: ${error instanceof Error ? error.message : String(error)}`, exitCode: 1 };
}

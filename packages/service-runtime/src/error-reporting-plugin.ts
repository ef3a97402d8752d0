import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerErrorCode, ApolloServerValidationErrorCode } from '@apollo/server/errors';
import * as Sentry from '@sentry/node';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { ERROR_CODES } from './graphql-errors.js';

/**
 * Codes that answer the request rather than report a breakage: our `answer` codes, and Apollo's
 * for a request that does not parse, validate or resolve to an operation.
 */
const ANSWER_CODES = new Set<string>([
  ...Object.entries(ERROR_CODES)
    .filter(([, kind]) => kind === 'answer')
    .map(([code]) => code),
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerValidationErrorCode.INTROSPECTION_DISABLED,
  ApolloServerValidationErrorCode.MAX_RECURSIVE_SELECTIONS_EXCEEDED,
]);

/**
 * Whether an error of a GraphQL response is a breakage to report. Answers (bad input, not found,
 * business rules) are not. Neither is an error the gateway relays from a subgraph's answer
 * (`extensions.serviceName`, or `extensions.response` for an HTTP error status): the subgraph that
 * failed reports it itself, on the same trace, with the real cause.
 */
export function isReportable(error: GraphQLError): boolean {
  // Errors built outside graphql-js (the gateway's own, under overload) may carry no extensions.
  const { code, serviceName, response } = error.extensions ?? {};
  if (serviceName !== undefined || response !== undefined) return false;
  return typeof code !== 'string' || !ANSWER_CODES.has(code);
}

/** The error underneath the GraphQL wrappers: what was thrown (a pg error, a TypeError). */
function rootCause(error: GraphQLError): Error {
  let cause: Error = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = (cause as Partial<GraphQLError>).originalError;
    if (!(next instanceof Error)) break;
    cause = next;
  }
  return cause;
}

/**
 * Reports the unexpected errors of every GraphQL request: one log line (object first) and one
 * Sentry error event each, captured inside the request's scope so that the event carries the
 * request's trace id. The client's answer is unchanged.
 */
export function errorReportingPlugin<Context extends BaseContext>(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (!isReportable(error)) continue;
            const code = typeof error.extensions?.['code'] === 'string' ? error.extensions['code'] : 'INTERNAL_SERVER_ERROR';
            const path = error.path?.join('.');
            const cause = rootCause(error);
            log.error({ err: cause, code, path, operationName, answered: error.message }, 'unexpected graphql error');
            Sentry.captureException(cause, {
              level: 'error',
              tags: { 'graphql.error_code': code },
              contexts: { graphql: { message: error.message, path, operationName } },
            });
          }
        },
      };
    },
  };
}

import { GraphQLError } from 'graphql';

/**
 * The codes our GraphQL errors carry in `extensions.code`, each with what it means for reporting.
 * `answer`: the request got what it needs to know (bad input, a missing row, a business rule);
 * nothing broke and nothing is reported. `failure`: something broke (a dependency is down, a bug);
 * it is logged and captured by Sentry on the request's trace (see error-reporting-plugin.ts).
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: 'answer',
  NOT_FOUND: 'answer',
  PAYMENT_DECLINED: 'answer',
  INSUFFICIENT_FUNDS: 'answer',
  /** An idempotency key sent again with a different request. */
  IDEMPOTENCY_KEY_REUSED: 'answer',
  /** Another request with the same idempotency key is still being served: retry shortly with the same key. */
  BET_IN_PROGRESS: 'answer',
  /** A limit of the service did its job (see the gateway's and the subgraphs' READMEs). */
  QUERY_TOO_DEEP: 'answer',
  QUERY_TOO_COMPLEX: 'answer',
  TOO_MANY_ALIASES: 'answer',
  TOO_MANY_DIRECTIVES: 'answer',
  TOO_MANY_TOKENS: 'answer',
  /** A request body above the service's REQUEST_BODY_LIMIT_BYTES (HTTP 413). */
  PAYLOAD_TOO_LARGE: 'answer',
  /** Request headers above Node's 16 KiB (HTTP 431; a JSON body with this code, see json-errors.ts). */
  HEADERS_TOO_LARGE: 'answer',
  /** The service already runs SLOW_VARIANT_CONCURRENCY slow-variant requests: retry shortly or use the fixed variant. */
  SLOW_VARIANT_BUSY: 'answer',
  /** A dependency (a database, another service) did not answer. */
  UPSTREAM_UNAVAILABLE: 'failure',
  /** A subgraph did not answer the gateway within its timeout: its fields are null, the others resolve. */
  SUBGRAPH_TIMEOUT: 'failure',
  /**
   * A loop ran past its guard's deadline and was stopped (users' LOOP_GUARD_MS): a bug, such as a
   * cursor that stops advancing, cut short so that the process can serve the next request.
   */
  LOOP_GUARD_TRIPPED: 'failure',
  INTERNAL_SERVER_ERROR: 'failure',
} as const satisfies Record<string, 'answer' | 'failure'>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function graphQLError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

/** A user-supplied argument was malformed: say what was expected and what arrived. */
export function badUserInput(argument: string, expected: string, arrived: unknown): GraphQLError {
  return graphQLError('BAD_USER_INPUT', `${argument}: expected ${expected}; got ${JSON.stringify(arrived)}`, {
    argument,
  });
}

/** Validates a page size argument: a whole number between 1 and `max`. */
export function pageSize(argument: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw badUserInput(argument, `a whole number from 1 to ${max}`, value);
  }
  return value;
}

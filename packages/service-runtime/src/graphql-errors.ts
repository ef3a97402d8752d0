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
  /** A dependency (a database, another service) did not answer. */
  UPSTREAM_UNAVAILABLE: 'failure',
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

import { GraphQLError } from 'graphql';

/** The codes our GraphQL errors carry in `extensions.code`. */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'PAYMENT_DECLINED' | 'INSUFFICIENT_FUNDS' | 'UPSTREAM_UNAVAILABLE';

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

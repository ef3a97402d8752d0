import { GraphQLError } from 'graphql';

/** Node's network error codes that mean the other end could not be reached or went away. */
const NETWORK_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that mean the server is not there for us: connection exceptions (class 08),
 * shut down or starting (57P01-57P03), the database does not exist (3D000), no free connection (53300).
 */
const POSTGRES_UNAVAILABLE = /^(08...|57P0[123]|3D000|53300)$/;

/** What pg and the MongoDB driver say when a connection ends or cannot be made. */
const UNAVAILABLE_MESSAGE = /connection terminated|timeout exceeded when trying to connect|not queryable|server selection timed out/i;
const UNAVAILABLE_NAMES = new Set(['MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError']);

/** The error's name and those of the classes it extends (the driver's PoolClearedError is a MongoNetworkError). */
function namesOf(error: Error): string[] {
  const names = [error.name];
  let prototype: unknown = Object.getPrototypeOf(error);
  while (prototype && prototype !== Error.prototype) {
    names.push((prototype as { constructor: { name: string } }).constructor.name);
    prototype = Object.getPrototypeOf(prototype);
  }
  return names;
}

/** Whether `error` (or what caused it) says the dependency could not be reached, rather than that it answered with an error. */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_ERRNOS.has(code) || POSTGRES_UNAVAILABLE.test(code))) return true;
  if (namesOf(error).some((name) => UNAVAILABLE_NAMES.has(name)) || UNAVAILABLE_MESSAGE.test(error.message)) return true;
  // Node reports a refused connection to a host with several addresses as an AggregateError.
  if (error instanceof AggregateError && error.errors.some((inner) => isConnectionFailure(inner, depth + 1))) return true;
  return isConnectionFailure(error.cause, depth + 1);
}

/**
 * The error a resolver answers when one of its dependencies failed: UPSTREAM_UNAVAILABLE when it
 * could not be reached, INTERNAL_SERVER_ERROR when it answered with an error. The message names the
 * dependency and nothing of its internals (no SQL, no stack); the cause stays on `originalError`
 * for the logs and Sentry. An error that already carries a code passes through unchanged.
 */
export function dependencyFailure(dependency: string, cause: unknown): GraphQLError {
  if (cause instanceof GraphQLError && typeof cause.extensions['code'] === 'string') return cause;
  const error = cause instanceof Error ? cause : new Error(String(cause));
  return isConnectionFailure(error)
    ? new GraphQLError(`the ${dependency} is unavailable; try again shortly`, {
        originalError: error,
        extensions: { code: 'UPSTREAM_UNAVAILABLE', dependency },
      })
    : new GraphQLError(`the ${dependency} failed to answer`, {
        originalError: error,
        extensions: { code: 'INTERNAL_SERVER_ERROR', dependency },
      });
}

/** Runs `work` against a dependency; its failure becomes `dependencyFailure(dependency, ...)`. */
export async function fromDependency<T>(dependency: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw dependencyFailure(dependency, error);
  }
}

import { graphQLError } from '@trace-arcade/service-runtime';
import { GraphQLError } from 'graphql';

export interface JsonResponse<T> {
  status: number;
  body: T;
}

/** How long a call waits for the whole answer when the caller does not choose. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** What fetch's failure says about the other end, in a few words for the client (no addresses, no stack). */
function whatHappened(error: Error, timeoutMs: number): string {
  if (error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = (error.cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed before the answer';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its host name does not resolve';
    default:
      return 'no answer';
  }
}

/**
 * The service could not be reached or did not answer in time: UPSTREAM_UNAVAILABLE naming it. The
 * cause stays on `originalError` for the logs and Sentry.
 */
function unavailable(service: string, error: unknown, timeoutMs: number): GraphQLError {
  const cause = error instanceof Error ? error : new Error(String(error));
  return new GraphQLError(`the ${service} is unavailable (${whatHappened(cause, timeoutMs)}); try again shortly`, {
    originalError: cause,
    extensions: { code: 'UPSTREAM_UNAVAILABLE', dependency: service },
  });
}

/**
 * Calls another service with a JSON body. The whole call (connect, answer, body) must finish within
 * `timeoutMs`. A service that cannot be reached, does not answer in time or fails with a 5xx is an
 * UPSTREAM_UNAVAILABLE GraphQL error naming it, never a raw stack trace.
 */
export async function requestJson<T>(
  service: string,
  url: string,
  init: { method: 'GET' | 'POST' | 'DELETE'; body?: unknown; headers?: Record<string, string>; timeoutMs?: number },
): Promise<JsonResponse<T>> {
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw unavailable(service, error, timeoutMs);
  }
  if (response.status >= 500) {
    throw graphQLError('UPSTREAM_UNAVAILABLE', `the ${service} failed with HTTP ${response.status}; try again shortly`, {
      dependency: service,
    });
  }
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    body = {} as T;
  }
  return { status: response.status, body };
}

import { graphQLError } from '@trace-arcade/service-runtime';

export interface JsonResponse<T> {
  status: number;
  body: T;
}

/**
 * Calls another service with a JSON body. A network failure becomes an UPSTREAM_UNAVAILABLE
 * GraphQL error naming the service, never a raw stack trace.
 */
export async function requestJson<T>(
  service: string,
  url: string,
  init: { method: 'GET' | 'POST' | 'DELETE'; body?: unknown; headers?: Record<string, string> },
): Promise<JsonResponse<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw graphQLError('UPSTREAM_UNAVAILABLE', `${service} did not answer: ${(error as Error).message}`, { service });
  }
  const body = (await response.json().catch(() => ({}))) as T;
  if (response.status >= 500) {
    throw graphQLError('UPSTREAM_UNAVAILABLE', `${service} failed with HTTP ${response.status}`, { service });
  }
  return { status: response.status, body };
}

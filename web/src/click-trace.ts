import * as Sentry from '@sentry/react';

/** Headers the click's requests carry besides those the SDK adds. */
export type ClickHeaders = Record<string, string>;

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Runs `work` as one click: a new trace whose root is a `ui.action.click` span, so the request to
 * the gateway (which carries `sentry-trace` and `baggage`) and everything below it share this
 * trace and nothing else. Returns the work's result and the click's trace id.
 *
 * Without a DSN the SDK sends no trace headers, so `work` gets a W3C `traceparent` of the click's
 * own (not sampled) to send with each request: the services admit a scenario's slow unit of work
 * (8 concurrent bets) per trace, and requests without one would be separate units.
 */
export async function inClickTrace<T>(
  name: string,
  work: (headers: ClickHeaders) => Promise<T>,
): Promise<{ result: T; clickTraceId: string | null }> {
  if (!Sentry.isInitialized()) {
    return { result: await work({ traceparent: `00-${randomHex(16)}-${randomHex(8)}-00` }), clickTraceId: null };
  }
  return Sentry.startNewTrace(() =>
    Sentry.startSpan({ name, op: 'ui.action.click', forceTransaction: true }, async (span) => {
      const result = await work({});
      const traceId = span.spanContext().traceId;
      return { result, clickTraceId: traceId ? traceId : null };
    }),
  );
}

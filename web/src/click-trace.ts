import * as Sentry from '@sentry/react';

/**
 * Runs `work` as one click: a new trace whose root is a `ui.action.click` span, so the request to
 * the gateway (which carries `sentry-trace` and `baggage`) and everything below it share this
 * trace and nothing else. Returns the work's result and the click's trace id.
 */
export async function inClickTrace<T>(name: string, work: () => Promise<T>): Promise<{ result: T; clickTraceId: string | null }> {
  return Sentry.startNewTrace(() =>
    Sentry.startSpan({ name, op: 'ui.action.click', forceTransaction: true }, async (span) => {
      const result = await work();
      const traceId = span.spanContext().traceId;
      return { result, clickTraceId: Sentry.isInitialized() && traceId ? traceId : null };
    }),
  );
}

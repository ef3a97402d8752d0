/**
 * What Sentry would find on the attendee's trace, read from Spotlight's event stream with the
 * panel's own reader (`SpotlightStream`) and judged with the same findings (`findingsOf`).
 */
import type { Scenario, ExerciseFindings } from '@trace-arcade/scenarios';
import { findingsOf, SpotlightStream, type SpotlightEventSource } from '@trace-arcade/trace-detectors';

/** `GET /stream` (server-sent events) read with fetch: Node has no EventSource. */
function fetchEventSource(url: string): SpotlightEventSource {
  const controller = new AbortController();
  const listeners: ((event: { data: string }) => void)[] = [];
  const source: SpotlightEventSource = {
    onopen: null,
    onerror: null,
    addEventListener: (_type, listener) => listeners.push(listener),
    close: () => controller.abort(),
  };
  void (async () => {
    try {
      const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      source.onopen?.();
      const decoder = new TextDecoder();
      let pending = '';
      let event = '';
      let data: string[] = [];
      for await (const chunk of response.body) {
        pending += decoder.decode(chunk as Uint8Array, { stream: true });
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines.map((text) => text.replace(/\r$/, ''))) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          else if (line === '') {
            if (event === 'application/x-sentry-envelope' && data.length > 0)
              for (const listener of listeners) listener({ data: data.join('\n') });
            event = '';
            data = [];
          }
        }
      }
    } catch {
      if (!controller.signal.aborted) source.onerror?.();
    }
  })();
  return source;
}

/** The findings on `traceId`, once the gateway and `services` sent a transaction per request of the unit. */
export async function findingsOnTrace(
  spotlightUrl: string | undefined,
  scenario: Scenario,
  traceId: string,
  services: readonly string[],
  requests: number,
): Promise<ExerciseFindings> {
  if (!spotlightUrl) return { unavailable: 'traces go to your Sentry project (SENTRY_DSN), not Spotlight: open the trace there' };
  const stream = new SpotlightStream(spotlightUrl, fetchEventSource);
  stream.connect();
  try {
    const metrics = [...new Set(scenario.sentry.alerts.map((alert) => alert.metric))];
    const result = await stream.waitForTrace({
      traceId,
      services: ['gateway', ...services],
      requests,
      metrics,
      metricsWaitMs: 5000,
      timeoutMs: 20_000,
    });
    if (result.status === 'unavailable') return { unavailable: result.reason };
    return { titles: findingsOf(traceId, result.signals, scenario.sentry.alerts).map((finding) => `${finding.title} (${finding.where})`) };
  } finally {
    stream.close();
  }
}

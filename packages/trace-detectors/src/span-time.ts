import type { SentrySpan } from './sentry-event.js';

/** A span's duration in ms (the SDK's timestamps are seconds). */
export function durationMs(span: SentrySpan): number {
  return (span.timestamp - span.start_timestamp) * 1000;
}

/** `total_span_time`: the union of the spans' intervals, in ms. */
export function totalSpanTimeMs(spans: SentrySpan[]): number {
  const sorted = [...spans].sort((a, b) => a.start_timestamp - b.start_timestamp);
  let total = 0;
  let [start, end] = [sorted[0]!.start_timestamp, sorted[0]!.timestamp];
  for (const span of sorted.slice(1)) {
    if (span.start_timestamp <= end) end = Math.max(end, span.timestamp);
    else {
      total += end - start;
      [start, end] = [span.start_timestamp, span.timestamp];
    }
  }
  return (total + end - start) * 1000;
}

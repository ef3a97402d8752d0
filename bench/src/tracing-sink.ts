import { ENVELOPE_ACCEPTED, startLoopbackSink } from './loopback-sink.js';
import { countOtlpSpans } from './otlp-span-count.js';

/** What reached the sink: Sentry transactions and their spans, and OTLP spans. */
export interface TracingCounts {
  transactions: number;
  /** Spans in the transactions, each transaction's root span included. */
  sentrySpans: number;
  otlpSpans: number;
}

/**
 * One local endpoint that stands where both Sentry and an OTLP backend would: envelopes arrive at
 * `/api/1/envelope/`, OTLP (protobuf) at `/v1/traces`; it counts what it gets and drops it, so a
 * benchmark row pays what its tracing costs the services and no more.
 */
export async function startTracingSink() {
  const counts: TracingCounts = { transactions: 0, sentrySpans: 0, otlpSpans: 0 };
  const sink = await startLoopbackSink((request, body) => {
    if (request.url?.startsWith('/v1/traces')) {
      counts.otlpSpans += countOtlpSpans(body);
      return { contentType: 'application/x-protobuf', body: '' };
    }
    // An item header is a line of its own; the transaction's payload is the line after it.
    const lines = body.toString('utf8').split('\n');
    lines.forEach((line, index) => {
      if (!line.startsWith('{"type":"transaction"')) return;
      counts.transactions++;
      counts.sentrySpans += 1 + ((JSON.parse(lines[index + 1] ?? '{}') as { spans?: unknown[] }).spans?.length ?? 0);
    });
    return ENVELOPE_ACCEPTED;
  });
  return { ...sink, counts: (): TracingCounts => ({ ...counts }) };
}

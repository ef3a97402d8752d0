import type { SentryErrorEvent, SentrySpan, SentryTransaction, TraceMetric, TraceSignals } from '@trace-arcade/trace-detectors';

const TRACE = 'a'.repeat(32);
let nextSpan = 0;
const spanId = () => (++nextSpan).toString(16).padStart(16, '0');

/** A child span of `durationMs` starting `atMs` into the transaction. */
export function span(op: string, description: string, atMs: number, durationMs: number, data: Record<string, unknown> = {}): SentrySpan {
  return {
    span_id: spanId(),
    trace_id: TRACE,
    op,
    description,
    start_timestamp: 1000 + atMs / 1000,
    timestamp: 1000 + (atMs + durationMs) / 1000,
    data,
  };
}

/** A transaction of `durationMs` holding `spans` (children of its root span), as a subgraph sends it. */
export function transaction(name: string, service: string, durationMs: number, spans: SentrySpan[]): SentryTransaction {
  const root = spanId();
  return {
    type: 'transaction',
    transaction: name,
    server_name: service,
    tags: { service },
    contexts: { trace: { span_id: root, trace_id: TRACE, op: 'http.server', data: {} } },
    spans: spans.map((child) => ({ parent_span_id: root, ...child })),
    start_timestamp: 1000,
    timestamp: 1000 + durationMs / 1000,
  };
}

/** An error event of `type` sent by `service`. */
export function errorEvent(type: string, service: string, tags: Record<string, string> = {}): SentryErrorEvent {
  return {
    event_id: spanId(),
    level: 'error',
    tags: { service, ...tags },
    contexts: { trace: { trace_id: TRACE } },
    exception: { values: [{ type, value: `${type} in ${service}` }] },
  };
}

/** A metric value as a `trace_metric` item carries it. */
export function metric(name: string, type: string, unit: string, value: number, attributes: Record<string, string> = {}): TraceMetric {
  return {
    timestamp: 1000,
    trace_id: TRACE,
    name,
    type,
    unit,
    value,
    attributes: Object.fromEntries(Object.entries(attributes).map(([key, attribute]) => [key, { value: attribute, type: 'string' }])),
  };
}

export function signals(parts: Partial<TraceSignals>): TraceSignals {
  return { transactions: [], errors: [], metrics: [], ...parts };
}

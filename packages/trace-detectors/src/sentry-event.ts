import { isRecord } from './json-value.js';

/** A child span as the Sentry SDK sends it inside a transaction event. */
export interface SentrySpan {
  span_id: string;
  parent_span_id?: string;
  trace_id: string;
  op?: string;
  description?: string;
  start_timestamp: number;
  timestamp: number;
  data?: Record<string, unknown>;
}

/**
 * The transaction's own span, as its trace context: ids, op and status, but no timestamps (those
 * are the event's `start_timestamp` and `timestamp`).
 */
export interface SentryTraceContext {
  span_id: string;
  parent_span_id?: string;
  trace_id: string;
  op?: string;
  status?: string;
  data?: Record<string, unknown>;
}

/** A transaction event as the SDK sends it (trace lifecycle `static`). */
export interface SentryTransaction {
  type: 'transaction';
  transaction: string;
  server_name?: string;
  tags?: Record<string, string>;
  contexts: { trace: SentryTraceContext };
  spans: SentrySpan[];
  start_timestamp: number;
  timestamp: number;
}

function isTraceContext(value: unknown): value is SentryTraceContext {
  return isRecord(value) && typeof value['span_id'] === 'string' && typeof value['trace_id'] === 'string';
}

function isSpan(value: unknown): value is SentrySpan {
  return (
    isRecord(value) &&
    typeof value['span_id'] === 'string' &&
    typeof value['start_timestamp'] === 'number' &&
    typeof value['timestamp'] === 'number'
  );
}

/**
 * The payload of a `transaction` envelope item as a `SentryTransaction`, or `undefined` when it
 * lacks what the detectors read: a trace context with ids, and spans with ids and timestamps.
 * A transaction without child spans may leave `spans` out; it then gets an empty list.
 */
export function asSentryTransaction(payload: unknown): SentryTransaction | undefined {
  if (!isRecord(payload) || !isRecord(payload['contexts']) || !isTraceContext(payload['contexts']['trace'])) return undefined;
  const spans = payload['spans'] ?? [];
  if (!Array.isArray(spans) || !spans.every(isSpan)) return undefined;
  return { ...payload, type: 'transaction', spans } as SentryTransaction;
}

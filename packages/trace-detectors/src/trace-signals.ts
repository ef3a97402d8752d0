import { isRecord } from './json-value.js';
import { asSentryErrorEvent, type SentryErrorEvent } from './sentry-error-event.js';
import { asSentryTransaction, type SentryTransaction } from './sentry-event.js';
import { traceMetricsOf, type TraceMetric } from './trace-metric.js';

/** What the SDKs sent that Sentry shows for a trace: transactions, error events and trace-connected metrics. */
export interface TraceSignals {
  transactions: SentryTransaction[];
  errors: SentryErrorEvent[];
  metrics: TraceMetric[];
}

export function emptySignals(): TraceSignals {
  return { transactions: [], errors: [], metrics: [] };
}

/** Adds one envelope item (its header and parsed payload) to `signals`; items of other types are skipped. */
export function collectItem(signals: TraceSignals, itemHeader: unknown, payload: unknown): void {
  if (!isRecord(itemHeader)) return;
  if (itemHeader['type'] === 'transaction') {
    const transaction = asSentryTransaction(payload);
    if (transaction) signals.transactions.push(transaction);
  } else if (itemHeader['type'] === 'event') {
    const event = asSentryErrorEvent(payload);
    if (event) signals.errors.push(event);
  } else if (itemHeader['type'] === 'trace_metric') {
    signals.metrics.push(...traceMetricsOf(payload));
  }
}

/** The signals of one trace out of `signals`. */
export function signalsOfTrace(signals: TraceSignals, traceId: string): TraceSignals {
  return {
    transactions: signals.transactions.filter((transaction) => transaction.contexts.trace.trace_id === traceId),
    errors: signals.errors.filter((event) => event.contexts.trace.trace_id === traceId),
    metrics: signals.metrics.filter((metric) => metric.trace_id === traceId),
  };
}

/**
 * The rows Sentry would query for a widget, built from the signals of traces captured locally
 * (Spotlight's stream, or an envelope sink in the tests), under the keys Sentry's datasets use:
 *
 * - `spans`: every transaction (`is_transaction:true`) and every child span, with `span.op`,
 *   `span.description`, `span.duration` (milliseconds), `transaction` (its transaction's name),
 *   `trace`, and the span's own attributes (`db.system`, `db.operation.name`, ...).
 * - `error-events`: every error event, with `error.type`, `error.value`, `title`, `level`,
 *   `trace` and its tags (`service`, `graphql.error_code`).
 * - `issue`: the issues the events would open: a performance issue per detection of Sentry's
 *   detectors (this repository's port), an error issue per error event; with `issue.category`,
 *   `issue.type`, `title`, `is` (`unresolved`, as every new issue is) and the service.
 * - `tracemetrics`: every metric value, with `value`, `metric.name`, `metric.type`,
 *   `metric.unit`, `trace` and its attributes (`service`, `db.pool.name`, `cache.name`, ...).
 */
import { findPerformanceIssues, type SentryErrorEvent, type SentryTransaction, type TraceSignals } from '@trace-arcade/trace-detectors';
import type { Row } from './search-query.js';

type Value = string | number | boolean | undefined;

/** A span's duration in milliseconds, to the microsecond (its timestamps are seconds as floats). */
function durationMs(start: number, end: number): number {
  return Math.round((end - start) * 1_000_000) / 1000;
}

/** The widget types this evaluation knows; the others are refused by the evaluator. */
export const LOCAL_DATASETS = ['spans', 'error-events', 'issue', 'tracemetrics'] as const;
export type LocalDataset = (typeof LOCAL_DATASETS)[number];

/** Sentry's issue types for the two performance detectors. */
const PERFORMANCE_ISSUE_TYPES = {
  'N+1 Query': 'performance_n_plus_one_db_queries',
  'Consecutive HTTP': 'performance_consecutive_http',
} as const;

function scalarAttributes(data: Record<string, unknown> | undefined): Record<string, Value> {
  const attributes: Record<string, Value> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
  }
  return attributes;
}

function spanRows(transaction: SentryTransaction): Row[] {
  const trace = transaction.contexts.trace;
  const common = { transaction: transaction.transaction, trace: trace.trace_id };
  const root: Row = {
    ...scalarAttributes(trace.data),
    ...transaction.tags,
    ...common,
    is_transaction: 'true',
    'span.op': trace.op,
    'span.description': transaction.transaction,
    'span.duration': durationMs(transaction.start_timestamp, transaction.timestamp),
  };
  return [
    root,
    ...transaction.spans.map((span): Row => ({
      ...scalarAttributes(span.data),
      ...common,
      is_transaction: 'false',
      'span.op': span.op,
      'span.description': span.description,
      'span.duration': durationMs(span.start_timestamp, span.timestamp),
    })),
  ];
}

function errorRow(event: SentryErrorEvent): Row {
  const exception = event.exception?.values?.at(-1);
  const message = typeof event.message === 'string' ? event.message : event.message?.formatted;
  const title = exception ? `${exception.type ?? 'Error'}: ${exception.value ?? ''}` : (message ?? '');
  return {
    ...event.tags,
    'error.type': exception?.type,
    'error.value': exception?.value,
    message: message ?? exception?.value,
    title,
    level: event.level ?? 'error',
    trace: event.contexts.trace.trace_id,
  };
}

function issueRows(signals: TraceSignals): Row[] {
  const performance = findPerformanceIssues(signals.transactions).map((issue): Row => ({
    'issue.category': 'performance',
    'issue.type': PERFORMANCE_ISSUE_TYPES[issue.type],
    title: issue.summary,
    service: issue.service,
    is: 'unresolved',
  }));
  const errors = signals.errors.map((event): Row => ({
    ...errorRow(event),
    'issue.category': 'error',
    'issue.type': 'error',
    is: 'unresolved',
  }));
  return [...performance, ...errors];
}

function metricRows(signals: TraceSignals): Row[] {
  return signals.metrics.map((metric): Row => {
    const attributes: Record<string, Value> = {};
    for (const [key, attribute] of Object.entries(metric.attributes ?? {})) {
      const value = attribute.value;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
    }
    return {
      ...attributes,
      value: metric.value,
      'metric.name': metric.name,
      'metric.type': metric.type,
      'metric.unit': metric.unit ?? 'none',
      trace: metric.trace_id,
    };
  });
}

/** The rows of `dataset` in `signals`. */
export function localRows(dataset: LocalDataset, signals: TraceSignals): Row[] {
  if (dataset === 'spans') return signals.transactions.flatMap(spanRows);
  if (dataset === 'error-events') return signals.errors.map(errorRow);
  if (dataset === 'issue') return issueRows(signals);
  return metricRows(signals);
}

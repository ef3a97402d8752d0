import { isRecord } from './json-value.js';

/** One metric of a `trace_metric` envelope item (`Sentry.metrics.count|gauge|distribution`). */
export interface TraceMetric {
  /** Seconds since the epoch. */
  timestamp: number;
  trace_id: string;
  span_id?: string;
  name: string;
  type: string;
  unit?: string;
  value: number;
  attributes?: Record<string, { value: unknown; type?: string }>;
}

function isTraceMetric(value: unknown): value is TraceMetric {
  return (
    isRecord(value) &&
    typeof value['name'] === 'string' &&
    typeof value['trace_id'] === 'string' &&
    typeof value['value'] === 'number' &&
    typeof value['timestamp'] === 'number'
  );
}

/** The metrics of a `trace_metric` item's payload (`{ items: [...] }`); malformed entries are skipped. */
export function traceMetricsOf(payload: unknown): TraceMetric[] {
  if (!isRecord(payload) || !Array.isArray(payload['items'])) return [];
  return payload['items'].filter(isTraceMetric);
}

/** A string attribute of the metric (`service`, `db.pool.name`), if it has one. */
export function metricAttribute(metric: TraceMetric, key: string): string | undefined {
  const value = metric.attributes?.[key]?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * A widget's or alert rule's aggregate (`p95(span.duration)`, `count()`,
 * `max(value,event_loop.delay.max,distribution,millisecond)` for trace metrics), parsed and applied
 * to local values. The functions are the ones the definitions use; percentiles are nearest-rank
 * (Sentry estimates them; on the few hundred values of one run the two agree closely).
 */

import { percentile } from '@trace-arcade/scenarios';
import { AGGREGATE_PATTERN, parseTraceMetricAggregate } from './aggregate-syntax.js';
import type { Row } from './search-query.js';

export const AGGREGATE_FUNCTIONS = ['count', 'count_unique', 'sum', 'avg', 'min', 'max', 'p50', 'p75', 'p90', 'p95', 'p99'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export interface Aggregate {
  text: string;
  fn: AggregateFunction;
  /** The attribute it reads (`span.duration`, `value`); absent for `count()`. */
  field?: string;
  /** For a trace metric: the metric it reads, with the type and unit the aggregate names. */
  metric?: { name: string; type: string; unit: string };
}

export class AggregateError extends Error {
  override name = 'AggregateError';
}

/** Parses `fn(arg)`, or `fn(value,name,type,unit)` when `traceMetric` is true. */
export function parseAggregate(text: string, traceMetric: boolean): Aggregate {
  const match = AGGREGATE_PATTERN.exec(text);
  if (!match) throw new AggregateError(`aggregate: expected fn(arg); got ${JSON.stringify(text)}`);
  const fn = match[1] as AggregateFunction;
  if (!AGGREGATE_FUNCTIONS.includes(fn)) {
    throw new AggregateError(
      `aggregate: expected one of ${AGGREGATE_FUNCTIONS.join(', ')}; got ${JSON.stringify(fn)} in ${JSON.stringify(text)}`,
    );
  }
  const inner = match[2] ?? '';
  const args = inner === '' ? [] : inner.split(',').map((arg) => arg.trim());
  if (traceMetric) {
    const parsed = parseTraceMetricAggregate(text);
    if ('error' in parsed) throw new AggregateError(`trace-metric aggregate: ${parsed.error}`);
    if (parsed.condition !== undefined)
      throw new AggregateError(`trace-metric aggregate: the _if form is not evaluated locally; got ${JSON.stringify(text)}`);
    return { text, fn, field: 'value', metric: { name: parsed.name, type: parsed.type, unit: parsed.unit ?? '-' } };
  }
  if (fn === 'count' && args.length === 0) return { text, fn };
  if (args.length !== 1) throw new AggregateError(`aggregate: expected ${fn}(<field>); got ${JSON.stringify(text)}`);
  return { text, fn, field: args[0]! };
}

/** The aggregate of `values` (the field's values of the matching rows); null when there are none (and not a count). */
function applyAggregate(fn: AggregateFunction, values: readonly (string | number | boolean | undefined)[]): number | null {
  const present = values.filter((value) => value !== undefined);
  if (fn === 'count') return present.length;
  if (fn === 'count_unique') return new Set(present.map(String)).size;
  const numbers = present.map(Number).filter((value) => !Number.isNaN(value));
  if (numbers.length === 0) return null;
  if (fn === 'sum') return numbers.reduce((sum, value) => sum + value, 0);
  if (fn === 'avg') return numbers.reduce((sum, value) => sum + value, 0) / numbers.length;
  if (fn === 'min') return Math.min(...numbers);
  if (fn === 'max') return Math.max(...numbers);
  return percentile(numbers, Number(fn.slice(1)));
}

/**
 * `aggregate` over `rows` (the rows a query's conditions selected): for a trace metric, over the
 * values of the metric it names, of the type it names; `count()` counts the rows.
 */
export function aggregateRows(aggregate: Aggregate, rows: readonly Row[]): number | null {
  const { metric, field } = aggregate;
  const selected = metric ? rows.filter((row) => row['metric.name'] === metric.name && row['metric.type'] === metric.type) : rows;
  if (!field) return selected.length;
  return applyAggregate(
    aggregate.fn,
    selected.map((row) => row[field]),
  );
}

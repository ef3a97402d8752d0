/**
 * The syntax of aggregates, shared by dashboard widgets and alert rules.
 *
 * - `fn(arg)`: Sentry's `AGGREGATE_PATTERN` `^(\w+)\((.*)?\)$` in
 *   `src/sentry/api/serializers/rest_framework/dashboard.py` (getsentry/sentry); an equation is a field that starts
 *   with `equation|` (`is_equation`) and, to count as an aggregate (`is_aggregate`), calls a function somewhere
 *   (`AGGREGATE_BASE` `.*(\w+)\((.*)?\)`).
 * - Trace metrics (`tracemetrics` widgets, alert rules on `trace_item_metric`): `fn(value,<metric name>,<type>,<unit>)`
 *   with type `counter`, `gauge` or `distribution` and unit `-` (none) or a unit name, or the conditional form
 *   ``fn_if(`<query>`,value,<name>,<type>,<unit>)``; this is the format `parseMetricAggregate` reads in
 *   `static/app/views/explore/metrics/utils.tsx`. `count()` alone (all metric samples) is what Sentry's metric
 *   detector config names "Number of application metrics"
 *   (`static/app/views/detectors/datasetConfig/metrics.tsx`). Shorter forms such as `p95(value)` name no metric, so
 *   they are refused here. No Node imports.
 */

export const AGGREGATE_PATTERN = /^(\w+)\((.*)?\)$/;
const AGGREGATE_BASE = /(\w+)\((.*)?\)/;
export const EQUATION_PREFIX = 'equation|';

export const TRACE_METRIC_TYPES = ['counter', 'gauge', 'distribution'] as const;
export type TraceMetricType = (typeof TRACE_METRIC_TYPES)[number];

export function isEquation(field: string): boolean {
  return field.startsWith(EQUATION_PREFIX);
}

/** `fn(...)`: what Sentry's `AGGREGATE_PATTERN` matches. */
export function isFunctionCall(field: string): boolean {
  return AGGREGATE_PATTERN.test(field);
}

/** Sentry's `is_aggregate`: a function call, or an equation that calls a function. */
export function isAggregate(field: string): boolean {
  return isFunctionCall(field) || (isEquation(field) && AGGREGATE_BASE.test(field));
}

export interface TraceMetricAggregate {
  fn: string;
  /** The `_if` form's query, without its backticks. */
  condition?: string;
  name: string;
  type: TraceMetricType;
  /** `undefined` for `-`. */
  unit?: string;
}

const METRIC_NAME = /^[^\s,()`]+$/;
const UNIT_NAME = /^[a-z][a-z_]*$/;

/**
 * Parses a trace-metric aggregate. Returns the parts, or a sentence saying what is wrong (for messages of the form
 * "expected …; got …").
 */
export function parseTraceMetricAggregate(aggregate: string): TraceMetricAggregate | { error: string } {
  const expected = 'expected a trace-metric aggregate fn(value,<metric name>,<counter|gauge|distribution>,<unit or ->)';
  const match = AGGREGATE_PATTERN.exec(aggregate);
  if (!match) return { error: `${expected}; got ${JSON.stringify(aggregate)}, which is not fn(args)` };
  const fn = match[1] ?? '';
  let rest = match[2] ?? '';
  let condition: string | undefined;
  if (fn.endsWith('_if')) {
    const quoted = /^`([^`]*)`,(.*)$/.exec(rest);
    if (!quoted) return { error: `${expected} (the _if form starts with a \`query\`); got ${JSON.stringify(aggregate)}` };
    condition = quoted[1];
    rest = quoted[2] ?? '';
  }
  const args = rest.split(',');
  if (args.length !== 4) {
    return {
      error: `${expected}; got ${JSON.stringify(aggregate)} with ${rest === '' ? 'no' : args.length} argument${args.length === 1 ? '' : 's'}`,
    };
  }
  const [value = '', name = '', type = '', unit = ''] = args;
  if (value !== 'value') return { error: `${expected}; got first argument ${JSON.stringify(value)} in ${JSON.stringify(aggregate)}` };
  if (!METRIC_NAME.test(name)) return { error: `${expected}; got metric name ${JSON.stringify(name)} in ${JSON.stringify(aggregate)}` };
  if (!(TRACE_METRIC_TYPES as readonly string[]).includes(type)) {
    return { error: `${expected}; got metric type ${JSON.stringify(type)} in ${JSON.stringify(aggregate)}` };
  }
  if (unit !== '-' && !UNIT_NAME.test(unit)) {
    return { error: `${expected}; got unit ${JSON.stringify(unit)} in ${JSON.stringify(aggregate)} (use - for no unit)` };
  }
  return { fn, ...(condition === undefined ? {} : { condition }), name, type: type as TraceMetricType, ...(unit === '-' ? {} : { unit }) };
}

/** `null` when `aggregate` is a valid trace-metric aggregate (or `count()`), else the problem's message. */
export function traceMetricAggregateProblem(aggregate: string): string | null {
  if (aggregate === 'count()') return null;
  const parsed = parseTraceMetricAggregate(aggregate);
  return 'error' in parsed ? parsed.error : null;
}

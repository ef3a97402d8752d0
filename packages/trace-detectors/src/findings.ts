/**
 * What Sentry would show for the traces of one run, from every signal the run sent: the
 * performance issues its detectors raise (the port in this package), blocked-event-loop events
 * (`ApplicationNotResponding`, from the SDK's ANR integration), other error events, and the metric
 * alerts a scenario declares (a dashboard or alert rule over a trace-connected metric). Nothing
 * here judges a run by anything Sentry would not see; thresholds are inputs (the scenario
 * catalog declares them), never invented here.
 */
import { percentile } from '@trace-arcade/scenarios';
import { findPerformanceIssues } from './performance-issues.js';
import type { SentryErrorEvent, SentryException } from './sentry-error-event.js';
import { metricAttribute, type TraceMetric } from './trace-metric.js';
import type { TraceSignals } from './trace-signals.js';

/** The kinds of thing Sentry shows for a trace. */
export type SignalKind = 'performance-issue' | 'blocked-event-loop' | 'error' | 'metric';

/**
 * A metric alert: the run's values of `metric` reduced by `aggregate` (`max`, nearest-rank `p95`,
 * or `growth`: per `service` attribute, the summed rises of the series' floor over six windows of
 * the run, the largest) are a finding when above `above`, in the metric's `unit`.
 */
export interface MetricAlertRule {
  metric: string;
  aggregate: 'max' | 'p95' | 'growth';
  above: number;
  unit: string;
  /** Where in Sentry the audience would look, e.g. `Dashboards → pool wait p95`. */
  where: string;
}

/** Where Spotlight shows a finding: the trace page, or an error event's page. */
export type FindingLink = { page: 'trace'; traceId: string } | { page: 'error'; eventId: string };

export interface Finding {
  kind: SignalKind;
  /** What Sentry shows, in a line: `N+1 Query: 200 repeated statements in users`. */
  title: string;
  /** Where to look in Sentry: `Issues → N+1 Query`. */
  where: string;
  link: FindingLink;
}

export const ANR_EXCEPTION_TYPE = 'ApplicationNotResponding';

const GROWTH_WINDOWS = 6;

const PERFORMANCE_WHERE: Record<string, string> = {
  'N+1 Query': 'Issues → N+1 Query; Insights → Queries',
  'Consecutive HTTP': 'Issues → Consecutive HTTP; Insights → Outbound API Requests',
};

function mainException(event: SentryErrorEvent): SentryException | undefined {
  return event.exception?.values?.at(-1);
}

function serviceOf(event: SentryErrorEvent): string {
  return event.tags?.['service'] ?? event.server_name ?? 'unknown';
}

/** The frame that was running when the loop was caught: the last in-app frame (frames run oldest first). */
function blockingFrame(exception: SentryException): string | undefined {
  const frames = exception.stacktrace?.frames ?? [];
  const frame = [...frames].reverse().find((candidate) => candidate.in_app !== false && candidate.function) ?? frames.at(-1);
  if (!frame?.function) return undefined;
  const file = frame.filename ?? frame.module;
  return file ? `${frame.function} (${file}${frame.lineno ? `:${frame.lineno}` : ''})` : frame.function;
}

function messageOf(event: SentryErrorEvent): string {
  const exception = mainException(event);
  if (exception) return `${exception.type ?? 'Error'}: ${exception.value ?? ''}`.trim();
  return typeof event.message === 'string' ? event.message : (event.message?.formatted ?? 'error event');
}

function eventFinding(event: SentryErrorEvent): Finding {
  const exception = mainException(event);
  const service = serviceOf(event);
  const link = { page: 'error' as const, eventId: event.event_id };
  if (exception?.type === ANR_EXCEPTION_TYPE) {
    const frame = blockingFrame(exception);
    return {
      kind: 'blocked-event-loop',
      title: `Event loop blocked in ${service}${frame ? ` at ${frame}` : ''}`,
      where: `Issues → Event Loop Blocked (${ANR_EXCEPTION_TYPE}); Profiles → hottest frame`,
      link,
    };
  }
  const code = event.tags?.['graphql.error_code'];
  return {
    kind: 'error',
    title: `Error${code ? ` ${code}` : ''} in ${service}: ${messageOf(event)}`,
    where: `Issues → ${exception?.type ?? 'Error'}${code ? ` (graphql.error_code ${code})` : ''}`,
    link,
  };
}

/**
 * How far the floor of a series rose over the run, per `service` attribute, the largest. The
 * readings, in time order, are cut into six windows; a window's floor is its lowest reading (a heap
 * read at random moments swings with every young-generation collection; its floor is what stays
 * alive); the rises from one window's floor to the next are summed, and a fall is not subtracted (a
 * full collection that frees old garbage midway does not cancel the growth around it).
 * Undefined without six readings of one service.
 */
function growth(metrics: TraceMetric[]): number | undefined {
  const byService = new Map<string, TraceMetric[]>();
  for (const metric of metrics) {
    const service = metricAttribute(metric, 'service') ?? 'unknown';
    byService.set(service, [...(byService.get(service) ?? []), metric]);
  }
  const rises = [...byService.values()]
    .filter((series) => series.length >= GROWTH_WINDOWS)
    .map((series) => {
      const values = [...series].sort((a, b) => a.timestamp - b.timestamp).map((metric) => metric.value);
      const size = Math.floor(values.length / GROWTH_WINDOWS);
      const floors = Array.from({ length: GROWTH_WINDOWS }, (_, index) => Math.min(...values.slice(index * size, (index + 1) * size)));
      return floors.slice(1).reduce((sum, floor, index) => sum + Math.max(0, floor - floors[index]!), 0);
    });
  return rises.length > 0 ? Math.max(...rises) : undefined;
}

function aggregateOf(rule: MetricAlertRule, metrics: TraceMetric[]): number | undefined {
  const values = metrics.map((metric) => metric.value);
  if (values.length === 0) return undefined;
  if (rule.aggregate === 'max') return Math.max(...values);
  if (rule.aggregate === 'p95') return percentile(values, 95) ?? undefined;
  return growth(metrics);
}

/** A value in its unit, as a person reads it: bytes in MB, milliseconds in ms. */
export function formatMetricValue(value: number, unit: string): string {
  if (unit === 'byte') return `${(value / 1_000_000).toFixed(1)} MB`;
  if (unit === 'millisecond') return `${Math.round(value)} ms`;
  return `${Math.round(value * 100) / 100}`;
}

function metricFindings(metrics: TraceMetric[], rules: readonly MetricAlertRule[], traceId: string): Finding[] {
  return rules.flatMap((rule): Finding[] => {
    const series = metrics.filter((metric) => metric.name === rule.metric);
    const value = aggregateOf(rule, series);
    if (value === undefined || value <= rule.above) return [];
    return [
      {
        kind: 'metric',
        title: `${rule.metric} ${rule.aggregate} ${formatMetricValue(value, rule.unit)} over ${series.length} values, above the alert's ${formatMetricValue(rule.above, rule.unit)}`,
        where: rule.where,
        link: { page: 'trace', traceId },
      },
    ];
  });
}

/**
 * Every finding for one trace's signals: performance issues of its transactions, each error event
 * (a blocked event loop or another error), and each metric alert of `rules` the trace's metrics cross.
 */
export function findingsOf(traceId: string, signals: TraceSignals, rules: readonly MetricAlertRule[] = []): Finding[] {
  const issues = findPerformanceIssues(signals.transactions).map((issue): Finding => ({
    kind: 'performance-issue',
    title: issue.summary,
    where: PERFORMANCE_WHERE[issue.type] ?? `Issues → ${issue.type}`,
    link: { page: 'trace', traceId },
  }));
  return [...issues, ...signals.errors.map(eventFinding), ...metricFindings(signals.metrics, rules, traceId)];
}

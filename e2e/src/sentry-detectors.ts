/**
 * A test oracle for Sentry's performance-issue detectors: the same conditions, ported from
 * getsentry/sentry `src/sentry/issue_detection/detectors/`, with the default thresholds of
 * `src/sentry/options/defaults.py`:
 *
 * - `n_plus_one_db_span_detector.py` (count 5, duration_threshold 50 ms): after a "source" db
 *   span, at least 5 db spans with the same parent and the same (parameterized) description,
 *   different from the source's, one after another with no other span between them; their total
 *   time, overlapping time counted once (`total_span_time`), at least 50 ms.
 * - `consecutive_http_detector.py` (span_duration_threshold 500 ms, consecutive_count_threshold 3,
 *   max_duration_between_spans 500 ms, min_time_saved 2000 ms): at least 3 non-overlapping
 *   `http.client` spans of at least 500 ms each, gaps under 500 ms, and the total minus the
 *   longest (what running them in parallel would save) at least 2000 ms, on fewer than 3 hosts.
 *
 * Sentry computes a span's `hash` from its normalized description in Relay; here the description
 * with literals replaced stands for it. Spans are visited in start order.
 */
import type { SentrySpan, SentryTransaction } from './sentry-envelope-sink.js';

export interface DetectedProblem {
  detector: 'n-plus-one-db' | 'consecutive-http';
  description: string;
  offenders: number;
  /** Total time of the offending spans, overlap counted once (N+1), or time saved (HTTP). */
  ms: number;
}

const N_PLUS_ONE_DB = { count: 5, durationThresholdMs: 50 };
const CONSECUTIVE_HTTP = { spanDurationMs: 500, countThreshold: 3, maxGapMs: 500, minTimeSavedMs: 2000 };

/** Stands for Relay's span hash: the description with numbers, strings and placeholders folded. */
export function spanHash(span: SentrySpan): string | undefined {
  if (!span.description) return undefined;
  return `${span.op}:${span.description
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\$\d+/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\((?:\s*\?\s*,)+\s*\?\s*\)/g, '(?)')}`;
}

function durationMs(span: SentrySpan): number {
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

function isDbOp(op: string): boolean {
  return op.startsWith('db') && !op.startsWith('db.redis') && !op.startsWith('db.connection');
}

function inStartOrder(transaction: SentryTransaction): SentrySpan[] {
  return [...transaction.spans].sort((a, b) => a.start_timestamp - b.start_timestamp);
}

export function detectNPlusOneDb(transaction: SentryTransaction): DetectedProblem[] {
  const problems: DetectedProblem[] = [];
  const potentialParents = new Set<string>([transaction.contexts.trace.span_id]);
  let source: SentrySpan | undefined;
  let previous: SentrySpan | undefined;
  let repeated: SentrySpan[] = [];

  const store = () => {
    if (!source || repeated.length < N_PLUS_ONE_DB.count) return;
    const ms = totalSpanTimeMs(repeated);
    if (ms < N_PLUS_ONE_DB.durationThresholdMs) return;
    if (!source.parent_span_id || repeated[0]!.description?.endsWith('...')) return;
    problems.push({ detector: 'n-plus-one-db', description: repeated[0]!.description!, offenders: repeated.length, ms });
  };
  const reset = () => {
    source = undefined;
    previous = undefined;
    repeated = [];
  };
  const useAsSource = (span: SentrySpan) => {
    if (span.parent_span_id && potentialParents.has(span.parent_span_id)) source = span;
  };
  const continues = (span: SentrySpan): boolean => {
    if (!source || !span.parent_span_id || span.parent_span_id !== source.parent_span_id) return false;
    const hash = spanHash(span);
    if (!hash || hash === spanHash(source)) return false;
    if (!previous) {
      previous = span;
      return true;
    }
    return hash === spanHash(previous) && span.description === previous.description;
  };

  for (const span of inStartOrder(transaction)) {
    if (!span.op) continue;
    if (!isDbOp(span.op)) {
      store();
      reset();
      if (span.parent_span_id) potentialParents.add(span.span_id);
      continue;
    }
    if (!source) {
      useAsSource(span);
      continue;
    }
    if (continues(span)) {
      repeated.push(span);
    } else {
      const last = repeated.at(-1);
      store();
      reset();
      if (last) useAsSource(last);
      if (source && continues(span)) repeated.push(span);
      else {
        source = undefined;
        useAsSource(span);
      }
    }
  }
  store();
  return problems;
}

export function detectConsecutiveHttp(transaction: SentryTransaction): DetectedProblem[] {
  const problems: DetectedProblem[] = [];
  let run: SentrySpan[] = [];
  const validate = () => {
    if (run.length < CONSECUTIVE_HTTP.countThreshold) return;
    const durations = run.map(durationMs);
    const saved = durations.reduce((sum, ms) => sum + ms, 0) - Math.max(...durations);
    if (saved < CONSECUTIVE_HTTP.minTimeSavedMs) return;
    const gapsOk = run.slice(1).every((span, index) => (span.start_timestamp - run[index]!.timestamp) * 1000 < CONSECUTIVE_HTTP.maxGapMs);
    if (!gapsOk) return;
    const hosts = new Set(run.map((span) => new URL(String(span.description).split(' ')[1] ?? 'http://unknown').host));
    if (hosts.size >= 3) return;
    problems.push({ detector: 'consecutive-http', description: String(run[0]!.description), offenders: run.length, ms: saved });
  };
  for (const span of inStartOrder(transaction)) {
    const description = span.description ?? '';
    if (!span.op?.startsWith('http.client') || !/^(GET|POST|DELETE|PUT|PATCH) /i.test(description)) continue;
    if (durationMs(span) < CONSECUTIVE_HTTP.spanDurationMs) continue;
    const last = run.at(-1);
    if (last && span.start_timestamp < last.timestamp) {
      validate();
      run = [];
    }
    run.push(span);
  }
  validate();
  return problems;
}

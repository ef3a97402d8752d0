/**
 * A test oracle for Sentry's performance-issue detectors: the same conditions, ported from
 * getsentry/sentry `src/sentry/issue_detection/detectors/`, with the default thresholds of
 * `src/sentry/options/defaults.py`:
 *
 * - `n_plus_one_db_span_detector.py` (count 5, duration_threshold 50 ms): after a "source" db
 *   span, at least 5 db spans with the same parent and the same (parameterized) description,
 *   different from the source's, one after another with no other span between them; their total
 *   time, overlapping time counted once (`total_span_time`), at least 50 ms.
 *
 * Sentry computes a span's `hash` from its normalized description in Relay; here the description
 * with literals replaced stands for it (`span-hash.ts`).
 *
 * Spans are visited in the order the event carries them (`event.spans`), as Sentry's
 * `run_detector_on_data` in `performance_detection.py` does, not sorted by start time: sorting
 * interleaves the children of two concurrent resolvers and breaks their runs apart. Like Sentry's
 * `stored_problems`, problems are kept once per fingerprint (the parent's op and hash, the source's
 * hash, the repeated statement's hash): the same N+1 met twice in one transaction is one problem.
 */
import type { DetectedProblem } from './detected-problem.js';
import type { SentrySpan, SentryTransaction } from './sentry-event.js';
import { spanHash } from './span-hash.js';
import { totalSpanTimeMs } from './span-time.js';

const N_PLUS_ONE_DB = { count: 5, durationThresholdMs: 50 };

function isDbOp(op: string): boolean {
  return op.startsWith('db') && !op.startsWith('db.redis') && !op.startsWith('db.connection');
}

export function detectNPlusOneDb(transaction: SentryTransaction): DetectedProblem[] {
  const problems = new Map<string, DetectedProblem>();
  const root = transaction.contexts.trace;
  const potentialParents = new Map<string, Pick<SentrySpan, 'op' | 'description'>>([[root.span_id, root]]);
  let source: SentrySpan | undefined;
  let previous: SentrySpan | undefined;
  let repeated: SentrySpan[] = [];

  const store = () => {
    if (!source || repeated.length < N_PLUS_ONE_DB.count) return;
    const ms = totalSpanTimeMs(repeated);
    if (ms < N_PLUS_ONE_DB.durationThresholdMs) return;
    const parent = source.parent_span_id ? potentialParents.get(source.parent_span_id) : undefined;
    if (!parent || repeated[0]!.description?.endsWith('...')) return;
    const fingerprint = [parent.op, spanHash(parent), spanHash(source), spanHash(repeated[0]!)].join('\n');
    if (problems.has(fingerprint)) return;
    problems.set(fingerprint, { detector: 'n-plus-one-db', description: repeated[0]!.description!, offenders: repeated.length, ms });
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

  for (const span of transaction.spans) {
    if (!span.op) continue;
    if (!isDbOp(span.op)) {
      store();
      reset();
      if (span.parent_span_id) potentialParents.set(span.span_id, span);
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
  return [...problems.values()];
}

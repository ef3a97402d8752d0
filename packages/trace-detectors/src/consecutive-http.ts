/**
 * A test oracle for Sentry's performance-issue detectors: the same conditions, ported from
 * getsentry/sentry `src/sentry/issue_detection/detectors/`, with the default thresholds of
 * `src/sentry/options/defaults.py`:
 *
 * - `consecutive_http_detector.py` (span_duration_threshold 500 ms, consecutive_count_threshold 3,
 *   max_duration_between_spans 500 ms, min_time_saved 2000 ms): at least 3 non-overlapping
 *   `http.client` spans of at least 500 ms each, gaps under 500 ms, and the total minus the
 *   longest (what running them in parallel would save) at least 2000 ms, on fewer than 3 hosts.
 *
 * Spans are visited in the order the event carries them (`event.spans`), as Sentry's
 * `run_detector_on_data` in `performance_detection.py` does; they are not sorted by start time.
 */
import type { DetectedProblem } from './detected-problem.js';
import type { SentrySpan, SentryTransaction } from './sentry-event.js';
import { durationMs } from './span-time.js';

const CONSECUTIVE_HTTP = { spanDurationMs: 500, countThreshold: 3, maxGapMs: 500, minTimeSavedMs: 2000 };

/**
 * The host of the URL in a description such as `POST http://pay/v1/check`. A URL that does not
 * parse (a relative `/path`, as browser SDKs send) has no host, as with Python's
 * `urlparse(url).netloc`; the detector must not throw on it.
 */
function hostOf(span: SentrySpan): string {
  try {
    return new URL(String(span.description).split(' ')[1] ?? 'http://unknown').host;
  } catch {
    return '';
  }
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
    const hosts = new Set(run.map(hostOf));
    if (hosts.size >= 3) return;
    problems.push({ detector: 'consecutive-http', description: String(run[0]!.description), offenders: run.length, ms: saved });
  };
  for (const span of transaction.spans) {
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

/**
 * The workshop checker's judgement, shared by `npm run workshop -- check` and the panel's "Run
 * yours": the attendee's run (mode `yours`) beside the fixed twin's run of the same check, each
 * request as the gateway answered it. Three kinds of check: the answers match, every cost is within
 * the exercise's budget, and Sentry's findings (where the trace could be read) are none.
 */
import type { Exercise, ExerciseMeasure } from './exercises.js';

/** What the gateway reported for one subgraph of a request (`extensions.perf.subgraphs`). */
export interface ExerciseSubgraphCost {
  sqlStatements?: number;
  mongoCommands?: number;
  eventLoopDelay?: { maxMs: number };
  poolWaitMs?: number;
}

/** One request of a check run: its answer and the gateway's `extensions.perf`. */
export interface ExerciseRequestResult {
  data: unknown;
  /** The first error's code and message; null when the request answered without errors. */
  error: { code: string; message: string } | null;
  perf: {
    totalMs?: number;
    subgraphs?: Record<string, ExerciseSubgraphCost>;
    plan?: { sequentialDepth: number };
  };
}

/** One mode's run: the scenario's unit of work (`requests`), then one request per probe of the exercise. */
export interface ExerciseRun {
  requests: readonly ExerciseRequestResult[];
  probes: readonly ExerciseRequestResult[];
}

/** What Sentry would show for the attendee's trace: its findings' titles, or why they could not be read. */
export type ExerciseFindings = { titles: readonly string[] } | { unavailable: string };

export interface ExerciseCheck {
  name: string;
  /** `skipped`: could not be judged (said in `detail`); it does not fail the verdict. */
  status: 'passed' | 'failed' | 'skipped';
  /** What was measured, with the fixed twin's figure and the budget. */
  detail: string;
  /** One hint, for a failed check. */
  hint?: string;
}

export interface ExerciseVerdict {
  passed: boolean;
  checks: ExerciseCheck[];
}

const MEASURE_LABELS: Record<ExerciseMeasure, string> = {
  sqlStatements: 'SQL statements',
  mongoCommands: 'MongoDB commands',
  totalMs: 'time at the gateway (ms, slowest request)',
  eventLoopDelayMaxMs: 'longest event-loop stall (ms)',
  planSequentialDepth: 'query plan sequential steps',
  poolWaitMaxMs: 'longest wait for a pooled connection (ms)',
};

/** A run's value of `measure`: counts summed over every request and subgraph, times and depths the largest. */
export function measureOf(run: ExerciseRun, measure: ExerciseMeasure): number {
  const costs = run.requests.flatMap((request) => Object.values(request.perf.subgraphs ?? {}));
  const largest = (values: number[]) => values.reduce((max, value) => Math.max(max, value), 0);
  switch (measure) {
    case 'sqlStatements':
      return costs.reduce((sum, cost) => sum + (cost.sqlStatements ?? 0), 0);
    case 'mongoCommands':
      return costs.reduce((sum, cost) => sum + (cost.mongoCommands ?? 0), 0);
    case 'totalMs':
      return largest(run.requests.map((request) => request.perf.totalMs ?? 0));
    case 'eventLoopDelayMaxMs':
      return largest(costs.map((cost) => cost.eventLoopDelay?.maxMs ?? 0));
    case 'planSequentialDepth':
      return largest(run.requests.map((request) => request.perf.plan?.sequentialDepth ?? 0));
    case 'poolWaitMaxMs':
      return largest(costs.map((cost) => cost.poolWaitMs ?? 0));
  }
}

/** JSON with object keys sorted: two answers with the same fields in another order are the same answer. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The answer with every leaf replaced by its type: the same fields, types and list lengths. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shapeOf(item)]));
  return value === null ? 'null' : typeof value;
}

function answersCheck(exercise: Exercise, fixed: ExerciseRun, yours: ExerciseRun): ExerciseCheck {
  const name = exercise.answer === 'same' ? 'same answer as the fixed twin' : 'same shape of answer as the fixed twin';
  const all = [...yours.requests, ...yours.probes];
  const failed = all.find((request) => request.error);
  if (failed?.error) {
    return {
      name,
      status: 'failed',
      detail: `your version answered ${failed.error.code}: ${failed.error.message}`,
      hint: exercise.errorHints?.[failed.error.code] ?? exercise.answerHint,
    };
  }
  const comparable = (request: ExerciseRequestResult) => canonicalJson(exercise.answer === 'same' ? request.data : shapeOf(request.data));
  const expected = [...fixed.requests.slice(0, 1), ...fixed.probes];
  const actual = [...yours.requests.slice(0, 1), ...yours.probes];
  const differing = expected.findIndex((request, index) => !actual[index] || comparable(request) !== comparable(actual[index]));
  if (differing >= 0) {
    const which = differing === 0 ? 'the catalog input' : `probe ${differing} of ${expected.length - 1}`;
    const snippet = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);
    return {
      name,
      status: 'failed',
      detail: `for ${which}: expected ${snippet(comparable(expected[differing]!))}; got ${snippet(actual[differing] ? comparable(actual[differing]) : 'no answer')}`,
      hint: exercise.answerHint,
    };
  }
  return { name, status: 'passed', detail: `${actual.length} answer${actual.length === 1 ? '' : 's'} compared` };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Judges the attendee's run against the fixed twin's run of the same check. Every check is listed
 * with what it measured; the verdict passes when none failed.
 */
export function judgeExercise(exercise: Exercise, fixed: ExerciseRun, yours: ExerciseRun, findings: ExerciseFindings): ExerciseVerdict {
  const checks: ExerciseCheck[] = [answersCheck(exercise, fixed, yours)];
  for (const budget of exercise.budgets) {
    const label = MEASURE_LABELS[budget.measure];
    const measured = round(measureOf(yours, budget.measure));
    const reference = round(measureOf(fixed, budget.measure));
    const allowed = round(budget.atMost ?? reference * (budget.factor ?? 1) + (budget.slack ?? 0));
    const passed = measured <= allowed;
    checks.push({
      name: label,
      status: passed ? 'passed' : 'failed',
      detail: `${measured} (fixed twin: ${reference}; allowed: at most ${allowed})`,
      ...(passed ? {} : { hint: budget.hint }),
    });
  }
  if ('unavailable' in findings) {
    checks.push({ name: 'nothing for Sentry to find', status: 'skipped', detail: `not judged: ${findings.unavailable}` });
  } else {
    const passed = findings.titles.length === 0;
    // A failed budget has said what to look at already; alone, this one points at the trace.
    const hint = checks.some((check) => check.status === 'failed')
      ? {}
      : { hint: 'Open your trace: the finding names the spans (or the metric) to look at.' };
    checks.push({
      name: 'nothing for Sentry to find',
      status: passed ? 'passed' : 'failed',
      detail: passed ? 'no finding on your trace' : findings.titles.join('; '),
      ...(passed ? {} : hint),
    });
  }
  return { passed: checks.every((check) => check.status !== 'failed'), checks };
}

import type { RunOutcome } from './run-scenario.js';
import { runTotals } from './run-totals.js';
import { median } from './stats.js';

/** The order of a compare: slow and fixed interleaved, so drift in the machine hits both alike. */
export function interleavedModes(runsPerMode: number): ('slow' | 'fixed')[] {
  return Array.from({ length: runsPerMode * 2 }, (_, index) => (index % 2 === 0 ? 'slow' : 'fixed'));
}

export interface ModeSummary {
  runs: number;
  errors: number;
  medianMs: number | null;
  medianSqlStatements: number | null;
  medianMongoCommands: number | null;
  medianHttpCalls: number | null;
}

export interface Comparison {
  slow: ModeSummary;
  fixed: ModeSummary;
  /** Median gateway time of slow over fixed; null when either has no successful run. */
  medianRatio: number | null;
}

function summarise(runs: readonly RunOutcome[]): ModeSummary {
  const ok = runs.filter((run) => !run.error && run.totalMs !== null);
  const medianOf = (values: number[]) => (values.length > 0 ? median(values) : null);
  return {
    runs: runs.length,
    errors: runs.length - ok.length,
    medianMs: medianOf(ok.map((run) => run.totalMs!)),
    medianSqlStatements: medianOf(ok.map((run) => runTotals(run).sqlStatements)),
    medianMongoCommands: medianOf(ok.map((run) => runTotals(run).mongoCommands)),
    medianHttpCalls: medianOf(ok.map((run) => runTotals(run).httpCalls)),
  };
}

export function compareRuns(runs: readonly RunOutcome[]): Comparison {
  const slow = summarise(runs.filter((run) => run.mode === 'slow'));
  const fixed = summarise(runs.filter((run) => run.mode === 'fixed'));
  const medianRatio = slow.medianMs !== null && fixed.medianMs ? slow.medianMs / fixed.medianMs : null;
  return { slow, fixed, medianRatio };
}

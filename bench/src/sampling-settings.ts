/**
 * What `npm run bench:sampling` measures: one stack per row, the same closed-loop load on each.
 * The rows differ only in the tracing environment every service gets.
 */
import { SCENARIOS } from '@trace-arcade/scenarios';
import { closedLoopSettings, type ClosedLoopSettings } from './closed-loop-settings.js';

export interface SamplingRow {
  label: string;
  /** null: no DSN at all (the SDK loaded, nothing traced or sent), the baseline. */
  sampleRate: number | null;
}

export const SAMPLING_ROWS: readonly SamplingRow[] = [
  { label: 'no DSN (baseline)', sampleRate: null },
  { label: 'rate 1', sampleRate: 1 },
  { label: 'rate 0.1', sampleRate: 0.1 },
  { label: 'rate 0', sampleRate: 0 },
];

/** The tracing environment of one row; `sinkDsn` is the local endpoint that drops the envelopes. */
export function tracingEnvironment(row: SamplingRow, sinkDsn: string): NodeJS.ProcessEnv {
  // SENTRY_SPOTLIGHT empty: no sidecar, whatever the calling shell has set.
  if (row.sampleRate === null) return { SENTRY_DSN: '', SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: '0' };
  return { SENTRY_DSN: sinkDsn, SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: String(row.sampleRate) };
}

/** Every scenario on its fixed variant: the header the benchmark sends with each request. */
export const ALL_FIXED = SCENARIOS.map((scenario) => `${scenario.name}=fixed`).join(',');

export type SamplingSettings = ClosedLoopSettings;

/**
 * BENCH_SAMPLING_CLIENTS (default 4) closed loops for BENCH_SAMPLING_SECONDS (default 12) per row
 * and pass, after a warm-up; BENCH_SAMPLING_PASSES (default 2) passes over the rows.
 */
export function samplingSettings(env: NodeJS.ProcessEnv = process.env): SamplingSettings {
  return closedLoopSettings(env, 'BENCH_SAMPLING');
}

/**
 * The order in which the rows run: forward, then backward, and so on (A B C D, D C B A). What
 * drifts during a run (the JVM of the MongoDB stand-in warming up, caches, other work on the
 * machine) then weighs on every row alike instead of favouring the last ones.
 */
export function samplingSchedule<Row>(rows: readonly Row[], passes: number): { row: Row; pass: number }[] {
  return Array.from({ length: passes }, (_, pass) =>
    (pass % 2 === 0 ? [...rows] : [...rows].reverse()).map((row) => ({ row, pass })),
  ).flat();
}

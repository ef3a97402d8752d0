/**
 * What `npm run bench:sampling` measures: one stack per row, the same closed-loop load on each.
 * The rows differ only in the tracing environment every service gets.
 */
import { SCENARIOS } from '@trace-arcade/scenarios';

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

export interface SamplingSettings {
  clients: number;
  seconds: number;
  warmUpSeconds: number;
  passes: number;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}: expected a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * BENCH_SAMPLING_CLIENTS (default 4) closed loops for BENCH_SAMPLING_SECONDS (default 12) per row
 * and pass, after a warm-up; BENCH_SAMPLING_PASSES (default 2) passes over the rows.
 */
export function samplingSettings(env: NodeJS.ProcessEnv = process.env): SamplingSettings {
  return {
    clients: wholeNumber(env, 'BENCH_SAMPLING_CLIENTS', 4, 1, 32),
    seconds: wholeNumber(env, 'BENCH_SAMPLING_SECONDS', 12, 2, 120),
    warmUpSeconds: 3,
    passes: wholeNumber(env, 'BENCH_SAMPLING_PASSES', 2, 1, 4),
  };
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

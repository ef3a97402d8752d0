/**
 * What `npm run bench:profiling` measures: one stack per row, the same closed-loop load of fixed
 * requests on each. The rows differ only in the tracing and profiling rates every service gets.
 */
import { closedLoopSettings, type ClosedLoopSettings } from './closed-loop-settings.js';

export interface ProfilingRow {
  label: string;
  /** SENTRY_TRACES_SAMPLE_RATE. */
  tracesSampleRate: number;
  /** SENTRY_PROFILE_SESSION_SAMPLE_RATE: 1 profiles in every process, 0 in none. */
  profileSessionSampleRate: number;
}

export const PROFILING_ROWS: readonly ProfilingRow[] = [
  { label: 'traces 1, no profiles', tracesSampleRate: 1, profileSessionSampleRate: 0 },
  { label: 'traces 1, profiles 1', tracesSampleRate: 1, profileSessionSampleRate: 1 },
  { label: 'traces 0.1, profiles 1', tracesSampleRate: 0.1, profileSessionSampleRate: 1 },
];

/** The tracing environment of one row; `sinkDsn` is the local endpoint that counts and drops the envelopes. */
export function profilingEnvironment(row: ProfilingRow, sinkDsn: string): NodeJS.ProcessEnv {
  return {
    SENTRY_DSN: sinkDsn,
    // No sidecar, whatever the calling shell has set.
    SENTRY_SPOTLIGHT: '',
    SENTRY_TRACES_SAMPLE_RATE: String(row.tracesSampleRate),
    SENTRY_PROFILE_SESSION_SAMPLE_RATE: String(row.profileSessionSampleRate),
  };
}

export type ProfilingSettings = ClosedLoopSettings;

/**
 * BENCH_PROFILING_CLIENTS (default 4) closed loops for BENCH_PROFILING_SECONDS (default 12) per row
 * and pass, after a warm-up; BENCH_PROFILING_PASSES (default 2) passes over the rows.
 */
export function profilingSettings(env: NodeJS.ProcessEnv = process.env): ProfilingSettings {
  return closedLoopSettings(env, 'BENCH_PROFILING');
}

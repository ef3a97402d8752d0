/**
 * What `npm run bench:watches` measures: one stack per row, the same closed-loop load of fixed
 * requests on each, every request traced. The rows differ only in what every service runs from
 * service-runtime to surface problems beside its traces: the blocked-event-loop watch
 * (EVENT_LOOP_BLOCK_MS, the SDK's ANR worker), the sampling heap profiler (HEAP_PROFILE_MB) and the
 * trace-connected metrics (SENTRY_METRICS).
 */
import { closedLoopSettings, type ClosedLoopSettings } from './closed-loop-settings.js';

export interface WatchesRow {
  label: string;
  /** EVENT_LOOP_BLOCK_MS; 0: off. */
  eventLoopBlockMs: number;
  /** HEAP_PROFILE_MB; 0: off (no sampling). High enough here that no row ever reports. */
  heapProfileMb: number;
  /** SENTRY_METRICS. */
  metrics: boolean;
}

export const WATCHES_ROWS: readonly WatchesRow[] = [
  { label: 'none', eventLoopBlockMs: 0, heapProfileMb: 0, metrics: false },
  { label: 'metrics', eventLoopBlockMs: 0, heapProfileMb: 0, metrics: true },
  { label: 'event-loop watch', eventLoopBlockMs: 500, heapProfileMb: 0, metrics: false },
  { label: 'heap sampling', eventLoopBlockMs: 0, heapProfileMb: 4096, metrics: false },
  { label: 'all (the default)', eventLoopBlockMs: 500, heapProfileMb: 4096, metrics: true },
];

/** The environment of one row; `sinkDsn` is the local endpoint that counts and drops the envelopes. */
export function watchesEnvironment(row: WatchesRow, sinkDsn: string): NodeJS.ProcessEnv {
  return {
    SENTRY_DSN: sinkDsn,
    // No sidecar, whatever the calling shell has set.
    SENTRY_SPOTLIGHT: '',
    SENTRY_TRACES_SAMPLE_RATE: '1',
    SENTRY_PROFILE_SESSION_SAMPLE_RATE: '0',
    EVENT_LOOP_BLOCK_MS: String(row.eventLoopBlockMs),
    HEAP_PROFILE_MB: String(row.heapProfileMb),
    SENTRY_METRICS: String(row.metrics),
  };
}

/**
 * BENCH_WATCHES_CLIENTS (default 4) closed loops for BENCH_WATCHES_SECONDS (default 12) per row and
 * pass, after a warm-up; BENCH_WATCHES_PASSES (default 2) passes over the rows.
 */
export function watchesSettings(env: NodeJS.ProcessEnv = process.env): ClosedLoopSettings {
  return closedLoopSettings(env, 'BENCH_WATCHES');
}

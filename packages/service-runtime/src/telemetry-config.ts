import { z } from 'zod';
import { booleanVariable, urlVariable } from './config.js';

/** A share from 0 to 1 (a sample rate). */
function shareVariable(defaultValue: number) {
  const expected = 'expected a number from 0 to 1';
  return z.coerce.number({ error: expected }).min(0, expected).max(1, expected).default(defaultValue);
}

/** A threshold in milliseconds from `min` to `max`, or 0 for off. */
function thresholdOrOffVariable(min: number, max: number, defaultValue: number) {
  const expected = `expected 0 (off) or a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error: expected })
    .int(expected)
    .refine((value) => value === 0 || (value >= min && value <= max), { error: expected })
    .default(defaultValue);
}

/** An optional URL where an empty value (`SENTRY_DSN=`) means unset. */
const optionalHttpUrl = z.preprocess((value) => (value === '' ? undefined : value), urlVariable(['http', 'https']).optional());

/**
 * The telemetry variables every service reads. `initTelemetry` parses them before the app loads;
 * a service that reports its own tracing set-up (the gateway's `GET /about`) parses the same ones
 * into its config.
 */
export const telemetryVariables = z.object({
  SENTRY_DSN: optionalHttpUrl,
  /** The share of requests without a parent decision that are traced; see sampling.ts. */
  SENTRY_TRACES_SAMPLE_RATE: shareVariable(1),
  /**
   * The chance that this process profiles its CPU, decided once at start-up (Sentry's profile
   * session); a profiling process samples its stacks while a traced span is open. See profiling.ts.
   */
  SENTRY_PROFILE_SESSION_SAMPLE_RATE: shareVariable(1),
  SENTRY_ENVIRONMENT: z.string().min(1).default('local'),
  SENTRY_RELEASE: z.string().min(1).default('trace-arcade@0.1.0'),
  /**
   * A blocked event loop longer than this many milliseconds sends an `ApplicationNotResponding` event
   * with the blocking stack (event-loop-block.ts); 0 switches it off. Below 100 ms a GC pause would count.
   */
  EVENT_LOOP_BLOCK_MS: thresholdOrOffVariable(100, 600_000, 500),
  /**
   * Heap in use (MiB, after a full collection) past which a request's end sends a "Heap grew past N MiB"
   * event naming the code that allocated what is kept, then again at each further multiple
   * (heap-profile.ts); 0 switches it off, and the sampling heap profiler with it.
   */
  HEAP_PROFILE_MB: thresholdOrOffVariable(16, 1_048_576, 128),
  /**
   * Whether the services send their trace-connected metrics (metrics.ts: heap, pool wait, event-loop
   * delay, plan depth, the game's bets and rounds); off, nothing is built or sent.
   */
  SENTRY_METRICS: booleanVariable(true),
  /** The Spotlight sidecar's stream URL; `npm start` sets it when no DSN is given. */
  SENTRY_SPOTLIGHT: optionalHttpUrl,
});

export type TelemetryConfig = z.infer<typeof telemetryVariables>;

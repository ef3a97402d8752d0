import { z } from 'zod';
import { urlVariable } from './config.js';

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
  SENTRY_TRACES_SAMPLE_RATE: z.coerce
    .number({ error: 'expected a number from 0 to 1' })
    .min(0, 'expected a number from 0 to 1')
    .max(1, 'expected a number from 0 to 1')
    .default(1),
  SENTRY_ENVIRONMENT: z.string().min(1).default('local'),
  SENTRY_RELEASE: z.string().min(1).default('trace-arcade@0.1.0'),
  /** The Spotlight sidecar's stream URL; `npm start` sets it when no DSN is given. */
  SENTRY_SPOTLIGHT: optionalHttpUrl,
});

export type TelemetryConfig = z.infer<typeof telemetryVariables>;

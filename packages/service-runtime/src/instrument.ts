/**
 * Sentry set-up shared by every process. Each service's `src/instrument.ts` calls
 * `initTelemetry` and is loaded with `node --import` before the app, so the SDK
 * instruments http, express, graphql, pg and mongodb before they are imported.
 * This module imports nothing but the SDK and the config reader for that reason.
 */
import * as Sentry from '@sentry/node';
import { z } from 'zod';
import { loadConfig, urlVariable } from './config.js';

/** An optional URL where an empty value (`SENTRY_DSN=`) means unset. */
const optionalHttpUrl = z.preprocess((value) => (value === '' ? undefined : value), urlVariable(['http', 'https']).optional());

const telemetryEnvironment = z.object({
  SENTRY_DSN: optionalHttpUrl,
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

export type TelemetryConfig = z.infer<typeof telemetryEnvironment>;

/** Root spans that are start-up noise, not requests: schema parsing and validation at boot. */
const START_UP_SPAN_NAMES = new Set(['graphql.parse', 'graphql.validate']);

/** Routes polled by orchestrators; tracing them would bury the real requests. */
function isHealthCheck(urlPath: string): boolean {
  return urlPath.startsWith('/health/');
}

/** Initialises Sentry for `service`; a malformed variable ends the process with one line naming it. */
export function initTelemetry(service: string, env: NodeJS.ProcessEnv = process.env): TelemetryConfig {
  let config: TelemetryConfig;
  try {
    config = loadConfig(telemetryEnvironment, env);
  } catch (error) {
    console.error(`${service}: ${(error as Error).message}`);
    process.exit(1);
  }
  Sentry.init({
    dsn: config.SENTRY_DSN,
    spotlight: config.SENTRY_SPOTLIGHT ?? false,
    serverName: service,
    environment: config.SENTRY_ENVIRONMENT,
    release: config.SENTRY_RELEASE,
    tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE,
    // The envelope media type: Sentry ignores it, the Spotlight sidecar (a local DSN) needs it.
    transportOptions: { headers: { 'content-type': 'application/x-sentry-envelope' } },
    // Spotlight and Sentry's performance issues read transactions; span streaming sends none.
    traceLifecycle: 'static',
    // The gateway calls subgraphs over http; W3C `traceparent` lets non-Sentry tools join the trace too.
    propagateTraceparent: true,
    // No personal data: no user fields, cookies or request bodies on spans and events.
    dataCollection: { userInfo: false, cookies: false, httpBodies: [] },
    initialScope: { tags: { service } },
    integrations: [
      Sentry.httpIntegration({ ignoreIncomingRequests: isHealthCheck }),
      // Connect spans would sit between repeated queries and hide an N+1 from Sentry's detector.
      Sentry.postgresIntegration({ ignoreConnectSpans: true }),
      // Without resolver spans, every query of a request shares the execute span as parent.
      Sentry.graphqlIntegration({ ignoreResolveSpans: true, ignoreTrivialResolveSpans: true }),
    ],
    beforeSendTransaction(event) {
      return event.transaction && START_UP_SPAN_NAMES.has(event.transaction) ? null : event;
    },
  });
  return config;
}

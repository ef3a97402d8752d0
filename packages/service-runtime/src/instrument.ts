/**
 * Sentry set-up shared by every process. Each service's `src/instrument.ts` calls
 * `initTelemetry` and is loaded with `node --import` before the app, so the SDK
 * instruments http, express, graphql, pg and mongodb before they are imported.
 * This module imports nothing but the SDK, the config reader, the sampling policy, the profiler's
 * loader, the event-loop and heap watches and the caller scrubber for that reason; the OTLP exporters
 * are loaded only when an OTLP endpoint is set.
 */
import * as Sentry from '@sentry/node';
import { withoutCaller } from './caller-data.js';
import { ConfigError, loadConfig } from './config.js';
import { planEventLoopBlockWatch } from './event-loop-block.js';
import { planHeapProfile } from './heap-profile.js';
import { insightsSpanDataIntegration } from './insights-spans.js';
import { sendMetrics } from './metrics.js';
import { loadOtlpTraceExport, type OtlpTraceExport } from './otlp-config.js';
import { loadProfilingIntegration, profileWhileTraced } from './profiling.js';
import { tracesSampler } from './sampling.js';
import { telemetryVariables, type TelemetryConfig } from './telemetry-config.js';

export type { TelemetryConfig } from './telemetry-config.js';

/** Root spans that are start-up noise, not requests: schema parsing and validation at boot. */
const START_UP_SPAN_NAMES = new Set(['graphql.parse', 'graphql.validate']);

/**
 * Express middleware whose span would say nothing: the SDK ends a middleware's span when the
 * response finishes, so each of these only repeats the request's duration. `<anonymous>` is Apollo
 * Server's handler (its GraphQL spans stay); the others parse, allow or measure the request. Named
 * middleware that is the point of a trace (the payment provider's `simulatedThirdPartyLatency`) keeps
 * its span.
 */
const SILENT_MIDDLEWARE = ['<anonymous>', 'jsonParser', 'corsMiddleware', 'measureRequestCost'];

/** How long the SDK keeps metrics before it sends them (its default is 5000 ms). */
const METRICS_FLUSH_INTERVAL_MS = 1000;

/** HTTP headers whose values are neither secret nor personal. */
const SAFE_HEADERS = ['content-type', 'content-length'];

/** Routes polled by orchestrators; tracing them would bury the real requests. */
function isHealthCheck(urlPath: string): boolean {
  return urlPath.startsWith('/health/');
}

/**
 * Initialises Sentry for `service`; a malformed variable ends the process with one line naming it.
 * Await it before the app loads (`await initTelemetry(...)` in `instrument.ts`): the CPU profiler is
 * loaded only when profiling is on.
 */
export async function initTelemetry(service: string, env: NodeJS.ProcessEnv = process.env): Promise<TelemetryConfig> {
  let config: TelemetryConfig;
  let otlp: OtlpTraceExport | undefined;
  try {
    config = loadConfig(telemetryVariables, env);
    otlp = loadOtlpTraceExport(env);
    if (otlp && !config.SENTRY_DSN && !config.SENTRY_SPOTLIGHT) {
      // The spans exported are the ones the SDK records, and it records none without somewhere to send.
      throw new ConfigError('OTEL_EXPORTER_OTLP_ENDPOINT: OTLP export needs SENTRY_DSN or SENTRY_SPOTLIGHT set too');
    }
  } catch (error) {
    console.error(`${service}: ${(error as Error).message}`);
    process.exit(1);
  }
  const otlpExport = otlp ? await import('./otlp-export.js') : undefined;
  const profiling = await loadProfilingIntegration(service, {
    sessionSampleRate: config.SENTRY_PROFILE_SESSION_SAMPLE_RATE,
    dsn: config.SENTRY_DSN,
  });
  Sentry.init({
    dsn: config.SENTRY_DSN,
    spotlight: config.SENTRY_SPOTLIGHT ?? false,
    serverName: service,
    environment: config.SENTRY_ENVIRONMENT,
    release: config.SENTRY_RELEASE,
    // A request with a sampled parent (every panel click) is always traced, an unsampled parent stays
    // unsampled, and requests without one (background load) are traced at SENTRY_TRACES_SAMPLE_RATE.
    tracesSampler: tracesSampler(config.SENTRY_TRACES_SAMPLE_RATE),
    // Whether this process profiles (decided once); profileWhileTraced below starts and stops it.
    profileSessionSampleRate: profiling ? config.SENTRY_PROFILE_SESSION_SAMPLE_RATE : 0,
    profileLifecycle: 'manual',
    // The envelope media type: Sentry ignores it, the Spotlight sidecar (a local DSN) needs it.
    transportOptions: { headers: { 'content-type': 'application/x-sentry-envelope' } },
    // Spotlight and Sentry's performance issues read transactions; span streaming sends none.
    traceLifecycle: 'static',
    // The gateway calls subgraphs over http; W3C `traceparent` lets non-Sentry tools join the trace too.
    propagateTraceparent: true,
    // No secrets or personal data on spans and events (the SDK collects much of it by default):
    // e2e/src/envelope-secrets.test.ts searches every envelope of a run for them.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpBodies: [],
      // Only these headers keep their values: `baggage` carries the DSN's public key, and a browser's
      // headers (user agent, languages) say who is calling.
      httpHeaders: { request: { allow: [...SAFE_HEADERS, 'x-scenarios'] }, response: { allow: SAFE_HEADERS } },
      // A GraphQL GET request carries its variables in the query string.
      urlQueryParams: false,
      // Documents keep their shape (the SDK replaces literals with `*`); variables are values.
      graphQL: { document: true, variables: false },
      // Bound parameters and rows; the statements themselves (`$1` placeholders) stay.
      databaseQueryData: false,
      stackFrameVariables: false,
    },
    // `service` as a tag of events and an attribute of metrics (metrics.ts).
    initialScope: { tags: { service }, attributes: { service } },
    // The SDK sends buffered metrics 5 s after the first one by default; a panel that shows a run's
    // metrics a moment after its trace needs them sooner. The SDK's own timer, typed in its options.
    _flushInterval: METRICS_FLUSH_INTERVAL_MS,
    integrations: (defaults) => [
      // Dedupe drops an error that repeats the previous one; in a demo every failing request's
      // trace should carry its own error event. Dataloader opens a span per key asked for (200 per
      // n-plus-one request in game); entity-loader.ts opens one per batch instead.
      ...defaults.filter((integration) => integration.name !== 'Dedupe' && integration.name !== 'Dataloader'),
      Sentry.httpIntegration({
        ignoreIncomingRequests: isHealthCheck,
        ignoreOutgoingRequests: (url) => otlp !== undefined && otlpExport?.isOtlpExportRequest(otlp, url) === true,
      }),
      Sentry.expressIntegration({ ignoreLayers: SILENT_MIDDLEWARE }),
      // Connect spans would sit between repeated queries and hide an N+1 from Sentry's detector.
      Sentry.postgresIntegration({ ignoreConnectSpans: true }),
      // Without resolver spans, every query of a request shares the execute span as parent.
      Sentry.graphqlIntegration({ ignoreResolveSpans: true, ignoreTrivialResolveSpans: true }),
      ...(profiling ? [profiling] : []),
      // The span data Sentry's Insights pages (Queries, Requests) read that the SDK's spans lack.
      insightsSpanDataIntegration(),
      // The same spans to an OpenTelemetry backend, when OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set.
      ...(otlp && otlpExport
        ? [otlpExport.otlpExportIntegration(otlp, { service, environment: config.SENTRY_ENVIRONMENT, release: config.SENTRY_RELEASE })]
        : []),
    ],
    beforeSendTransaction(event) {
      return event.transaction && START_UP_SPAN_NAMES.has(event.transaction) ? null : withoutCaller(event);
    },
    beforeSend: (event) => withoutCaller(event),
  });
  const client = Sentry.getClient();
  if (profiling && client) profileWhileTraced(client);
  // Both start once the service listens (runService): start-up itself blocks the loop and fills the heap.
  sendMetrics(config.SENTRY_METRICS);
  planEventLoopBlockWatch(service, config.EVENT_LOOP_BLOCK_MS, config.SENTRY_DSN);
  planHeapProfile(service, config.HEAP_PROFILE_MB);
  return config;
}

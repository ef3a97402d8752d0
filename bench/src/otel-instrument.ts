/**
 * The OpenTelemetry SDK alone, for `npm run bench:otel-cost`: loaded with `--import` (NODE_OPTIONS)
 * into a service whose Sentry has no DSN, it instruments what Sentry's integrations instrument
 * (http, Express, GraphQL without resolver spans, pg, MongoDB), samples new traces at
 * OTEL_TRACES_SAMPLER_ARG (parent-based, like the services' Sentry sampler) and exports OTLP
 * (protobuf) to BENCH_OTLP_TRACES_URL in a BatchSpanProcessor. Not the OTEL_EXPORTER_OTLP_* variables:
 * those would switch on the services' own OTLP export beside Sentry. The service is named after its
 * folder. Imports nothing of the service's code: what it instruments must load after it.
 */
import { register } from 'node:module';
import path from 'node:path';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';

// ES modules (the services, graphql's .mjs build) are instrumented through this loader hook.
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

const service = path.basename(process.cwd());
const url = process.env['BENCH_OTLP_TRACES_URL'] ?? '';
const rate = Number(process.env['OTEL_TRACES_SAMPLER_ARG']);
if (!URL.canParse(url) || !(rate >= 0 && rate <= 1)) {
  console.error(
    `${service}: otel-instrument needs BENCH_OTLP_TRACES_URL (a URL) and OTEL_TRACES_SAMPLER_ARG (0 to 1); ` +
      `got ${JSON.stringify(url)} and ${JSON.stringify(process.env['OTEL_TRACES_SAMPLER_ARG'])}`,
  );
  process.exit(1);
}

const provider = new TracerProvider({
  resource: resourceFromAttributes({ 'service.name': service }),
  sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(rate) }),
  spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) })],
});
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
trace.setGlobalTracerProvider(provider);

registerInstrumentations({
  tracerProvider: provider,
  instrumentations: [
    // Health checks are not traced by the services' Sentry either.
    new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => request.url?.startsWith('/health/') ?? false }),
    new ExpressInstrumentation(),
    new GraphQLInstrumentation({ ignoreResolveSpans: true, ignoreTrivialResolveSpans: true }),
    // As the services' postgresIntegration: no connect spans between the queries.
    new PgInstrumentation({ ignoreConnectSpans: true }),
    new MongoDBInstrumentation(),
  ],
});

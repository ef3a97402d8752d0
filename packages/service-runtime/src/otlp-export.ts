/**
 * OTLP export beside Sentry. The SDK's own instrumentation records each request once; every
 * transaction it sends (to Sentry or Spotlight) is also handed, span by span, to an OpenTelemetry
 * `BatchSpanProcessor` with an OTLP exporter. Jaeger, Tempo or a vendor then shows the same spans
 * with the same trace and span ids as Sentry.
 *
 * Why not an OpenTelemetry `NodeTracerProvider` with OpenTelemetry's instrumentations: `@sentry/node`
 * 11 no longer feeds a user-owned provider (its `enableOpenTelemetrySetup` option says so), and its
 * `openTelemetryIntegration()` serves set-ups where OpenTelemetry owns tracing and Sentry's is off,
 * which Spotlight (no OTLP intake) could not show. Instrumenting twice would also give two span trees.
 */
import { Metadata } from '@grpc/grpc-js';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace';
import * as Sentry from '@sentry/node';
import type { OtlpTraceExport } from './otlp-config.js';
import { OTLP_EXPORT_INTEGRATION } from './otlp-flush.js';
import { transactionSpans } from './otlp-spans.js';

/** The exporter for the configured protocol, with its URL and headers (gRPC: as metadata). */
function traceExporter(target: OtlpTraceExport): SpanExporter {
  if (target.protocol === 'grpc') {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(target.headers)) metadata.set(key, value);
    return new GrpcTraceExporter({ url: target.url, metadata });
  }
  const options = { url: target.url, headers: { ...target.headers } };
  return target.protocol === 'http/json' ? new JsonTraceExporter(options) : new ProtobufTraceExporter(options);
}

/**
 * Whether an outgoing request goes to the OTLP endpoint: the exporter's own requests must not become
 * spans (each export would be traced and exported again).
 */
export function isOtlpExportRequest(target: OtlpTraceExport, url: string): boolean {
  if (!URL.canParse(url)) return false;
  const request = new URL(url);
  const endpoint = new URL(target.url);
  return request.host === endpoint.host && request.pathname.startsWith(endpoint.pathname);
}

/** What the OTLP backend shows as the span's service and release. */
export interface OtlpResourceNames {
  service: string;
  environment: string;
  release: string;
}

/**
 * How long spans wait to be batched: a second (OpenTelemetry's default is 5) so that a panel click's
 * trace is in the backend by the time someone looks, as with the metrics' flush interval.
 */
const EXPORT_DELAY_MS = 1000;

/** A Sentry integration that sends each outgoing transaction's spans to `target` over OTLP. */
export function otlpExportIntegration(target: OtlpTraceExport, names: OtlpResourceNames) {
  const processor = new BatchSpanProcessor({ exporter: traceExporter(target), scheduledDelayMillis: EXPORT_DELAY_MS });
  const resource = resourceFromAttributes({
    'service.name': names.service,
    'service.version': names.release,
    'deployment.environment.name': names.environment,
  });
  const scope = { name: '@sentry/node', version: Sentry.SDK_VERSION };
  return {
    name: OTLP_EXPORT_INTEGRATION,
    setup(client: Sentry.NodeClient) {
      client.on('beforeSendEvent', (event) => {
        // The processor's timer and its exports start here: outside any request's trace.
        Sentry.suppressTracing(() => {
          for (const span of transactionSpans(event, resource, scope)) processor.onEnd(span);
        });
      });
      client.on('close', () => void processor.shutdown());
    },
    /** Sends what waits in the batch (otlp-flush.ts, at shutdown). */
    forceFlush: () => processor.forceFlush(),
  };
}

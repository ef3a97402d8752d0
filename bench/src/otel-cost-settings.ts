/**
 * What `npm run bench:otel-cost` compares: the same stack and load, each row with another tracer.
 * No tracing; Sentry's SDK at rates 0, 0.1 and 1; OpenTelemetry's SDK alone (otel-instrument.ts) at
 * the same rates; and both, Sentry with its spans also exported over OTLP (the services' own OTLP
 * export). Every traced row sends to one local sink (tracing-sink.ts) that counts and drops.
 */
import path from 'node:path';
import { REPO_ROOT } from '@trace-arcade/stack';
import { closedLoopSettings, type ClosedLoopSettings } from './closed-loop-settings.js';

export type Tracer = 'none' | 'sentry' | 'opentelemetry' | 'both';

export interface OtelCostRow {
  label: string;
  tracer: Tracer;
  /** The share of new traces sampled; null without tracing. */
  sampleRate: number | null;
}

export const OTEL_COST_ROWS: readonly OtelCostRow[] = [
  { label: 'no tracing', tracer: 'none', sampleRate: null },
  { label: 'sentry 0', tracer: 'sentry', sampleRate: 0 },
  { label: 'otel 0', tracer: 'opentelemetry', sampleRate: 0 },
  { label: 'sentry 0.1', tracer: 'sentry', sampleRate: 0.1 },
  { label: 'otel 0.1', tracer: 'opentelemetry', sampleRate: 0.1 },
  { label: 'sentry 1', tracer: 'sentry', sampleRate: 1 },
  { label: 'otel 1', tracer: 'opentelemetry', sampleRate: 1 },
  { label: 'sentry+otlp 1', tracer: 'both', sampleRate: 1 },
];

/** The OpenTelemetry-alone set-up, loaded into each service with `--import`. */
const OTEL_INSTRUMENT = path.join(REPO_ROOT, 'bench/dist/otel-instrument.js');

/**
 * What the services' Sentry does besides tracing, off in every row: CPU profiles, metrics and the
 * event-loop and heap watches have no counterpart in the OpenTelemetry rows.
 */
const TRACING_ONLY = { SENTRY_PROFILE_SESSION_SAMPLE_RATE: '0', SENTRY_METRICS: 'false', EVENT_LOOP_BLOCK_MS: '0', HEAP_PROFILE_MB: '0' };

/** The tracing environment of one row; `sinkDsn` is the local sink, whose origin also takes OTLP. */
export function otelCostEnvironment(row: OtelCostRow, sinkDsn: string): NodeJS.ProcessEnv {
  return { ...TRACING_ONLY, ...tracerEnvironment(row, sinkDsn) };
}

function tracerEnvironment(row: OtelCostRow, sinkDsn: string): NodeJS.ProcessEnv {
  // No DSN and no Spotlight: the Sentry SDK is loaded (as in every row) but traces nothing.
  const noSentry = { SENTRY_DSN: '', SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: '0' };
  const otlpBase = new URL(sinkDsn).origin;
  const rate = String(row.sampleRate ?? 0);
  switch (row.tracer) {
    case 'none':
      return noSentry;
    case 'sentry':
      return { SENTRY_DSN: sinkDsn, SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: rate };
    case 'opentelemetry':
      return {
        ...noSentry,
        NODE_OPTIONS: [process.env['NODE_OPTIONS'], `--import ${OTEL_INSTRUMENT}`].filter(Boolean).join(' '),
        BENCH_OTLP_TRACES_URL: `${otlpBase}/v1/traces`,
        OTEL_TRACES_SAMPLER_ARG: rate,
      };
    case 'both':
      return {
        SENTRY_DSN: sinkDsn,
        SENTRY_SPOTLIGHT: '',
        SENTRY_TRACES_SAMPLE_RATE: rate,
        OTEL_EXPORTER_OTLP_ENDPOINT: otlpBase,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      };
  }
}

/**
 * BENCH_OTEL_COST_CLIENTS (default 4) closed loops for BENCH_OTEL_COST_SECONDS (default 12) per row
 * and pass, after a warm-up; BENCH_OTEL_COST_PASSES (default 2) passes, forward then backward.
 */
export function otelCostSettings(env: NodeJS.ProcessEnv = process.env): ClosedLoopSettings {
  return closedLoopSettings(env, 'BENCH_OTEL_COST');
}

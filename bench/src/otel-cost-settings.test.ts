import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadOtlpTraceExport } from '@trace-arcade/service-runtime';
import { OTEL_COST_ROWS, otelCostEnvironment } from './otel-cost-settings.js';

const dsn = 'http://publickey@127.0.0.1:9/1';
const row = (label: string) => OTEL_COST_ROWS.find((candidate) => candidate.label === label)!;

test('Sentry and OpenTelemetry rows pair up at the same rates, after a row without tracing', { timeout: 5000 }, () => {
  const rates = (tracer: string) =>
    OTEL_COST_ROWS.filter((candidate) => candidate.tracer === tracer).map((candidate) => candidate.sampleRate);
  assert.deepEqual(rates('none'), [null]);
  assert.deepEqual(rates('sentry'), [0, 0.1, 1]);
  assert.deepEqual(rates('opentelemetry'), [0, 0.1, 1]);
  assert.equal(OTEL_COST_ROWS[0]!.tracer, 'none');
});

test('OpenTelemetry alone: Sentry has no DSN and the services’ own OTLP export stays off', { timeout: 5000 }, () => {
  const env = otelCostEnvironment(row('otel 0.1'), dsn);
  assert.equal(env['SENTRY_DSN'], '');
  assert.equal(env['OTEL_TRACES_SAMPLER_ARG'], '0.1');
  assert.equal(env['BENCH_OTLP_TRACES_URL'], 'http://127.0.0.1:9/v1/traces');
  assert.match(env['NODE_OPTIONS']!, /--import \S+\/bench\/dist\/otel-instrument\.js$/);
  // A service would refuse OTLP export without a DSN: the row must not switch it on.
  assert.equal(loadOtlpTraceExport(env), undefined);
});

test('every row leaves out what Sentry does besides tracing (profiles, metrics, watches)', { timeout: 5000 }, () => {
  for (const candidate of OTEL_COST_ROWS) {
    const env = otelCostEnvironment(candidate, dsn);
    assert.equal(env['SENTRY_PROFILE_SESSION_SAMPLE_RATE'], '0', candidate.label);
    assert.equal(env['SENTRY_METRICS'], 'false', candidate.label);
    assert.equal(env['EVENT_LOOP_BLOCK_MS'], '0', candidate.label);
    assert.equal(env['HEAP_PROFILE_MB'], '0', candidate.label);
  }
});

test('both: Sentry at the row’s rate, its spans also to the sink over OTLP', { timeout: 5000 }, () => {
  const env = otelCostEnvironment(row('sentry+otlp 1'), dsn);
  assert.equal(env['SENTRY_DSN'], dsn);
  assert.equal(env['SENTRY_TRACES_SAMPLE_RATE'], '1');
  assert.deepEqual(loadOtlpTraceExport(env), { protocol: 'http/protobuf', url: 'http://127.0.0.1:9/v1/traces', headers: {} });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadOtlpTraceExport } from './otlp-config.js';

test('nothing set: no OTLP export (off by default), whatever the protocol or headers say', { timeout: 5000 }, () => {
  assert.equal(loadOtlpTraceExport({}), undefined);
  assert.equal(loadOtlpTraceExport({ OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }), undefined);
});

test('a general endpoint gets /v1/traces after its own path; http/protobuf is the default protocol', { timeout: 5000 }, () => {
  assert.deepEqual(loadOtlpTraceExport({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }), {
    protocol: 'http/protobuf',
    url: 'http://127.0.0.1:4318/v1/traces',
    headers: {},
  });
  assert.equal(
    loadOtlpTraceExport({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.test/tenant/' })?.url,
    'https://otlp.example.test/tenant/v1/traces',
  );
});

test('the traces endpoint is used as given and wins over the general one', { timeout: 5000 }, () => {
  const target = loadOtlpTraceExport({
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9999/custom/path',
  });
  assert.equal(target?.url, 'http://127.0.0.1:9999/custom/path');
});

test('gRPC takes the general endpoint as the collector address, without a path', { timeout: 5000 }, () => {
  const target = loadOtlpTraceExport({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
  assert.deepEqual(target, { protocol: 'grpc', url: 'http://127.0.0.1:4317/', headers: {} });
});

test('the traces protocol and headers win over the general ones; header values are percent-decoded', { timeout: 5000 }, () => {
  const target = loadOtlpTraceExport({
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_HEADERS: 'x-ignored=1',
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'Authorization=Basic%20YWJj, x-scope-orgid = tenant-1,',
  });
  assert.deepEqual(target, {
    protocol: 'http/json',
    url: 'http://127.0.0.1:4318/v1/traces',
    headers: { authorization: 'Basic YWJj', 'x-scope-orgid': 'tenant-1' },
  });
});

test('a bad value names its variable and what was expected', { timeout: 5000 }, () => {
  assert.throws(() => loadOtlpTraceExport({ OTEL_EXPORTER_OTLP_ENDPOINT: '127.0.0.1:4318' }), {
    name: 'ConfigError',
    message: 'OTEL_EXPORTER_OTLP_ENDPOINT: expected an http or https URL; got "127.0.0.1:4318"',
  });
  assert.throws(
    () => loadOtlpTraceExport({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://collector/v1/traces' }),
    /^ConfigError: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: expected an http or https URL; got "ftp:\/\/collector\/v1\/traces"$/,
  );
  assert.throws(
    () => loadOtlpTraceExport({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/xml' }),
    { message: 'OTEL_EXPORTER_OTLP_PROTOCOL: expected one of http/protobuf, http/json, grpc; got "http/xml"' },
  );
});

test('a malformed header list names the variable and the pair, never the value (headers carry secrets)', { timeout: 5000 }, () => {
  const secret = 'api-key-s3cr3t';
  for (const headers of [`x-api-key:${secret}`, `=${secret}`, `x-api-key=${secret}%E0%A4%A`]) {
    assert.throws(
      () => loadOtlpTraceExport({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_EXPORTER_OTLP_HEADERS: headers }),
      (error: Error) => {
        assert.match(error.message, /^OTEL_EXPORTER_OTLP_HEADERS: expected key=value pairs separated by commas; pair 1 of 1 /);
        assert.ok(!error.message.includes(secret), `the message shows no value: ${error.message}`);
        return true;
      },
    );
  }
});

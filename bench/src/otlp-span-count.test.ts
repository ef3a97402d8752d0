import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { countOtlpSpans } from './otlp-span-count.js';

test('counts the spans of a request the OTLP serializer makes, across scopes', { timeout: 5000 }, () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const http = provider.getTracer('http');
  const pg = provider.getTracer('pg');
  const server = http.startSpan('POST /graphql', { attributes: { 'http.request.method': 'POST', 'http.response.status_code': 200 } });
  for (let index = 0; index < 5; index++) pg.startSpan(`select ${index}`, { attributes: { 'db.rows': index } }).end();
  server.end();
  const body = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans());
  assert.ok(body, 'the serializer made a body');
  assert.equal(countOtlpSpans(body), 6);
  assert.equal(countOtlpSpans(new Uint8Array()), 0);
});

test('a truncated body is an error, not a wrong count', { timeout: 5000 }, () => {
  assert.throws(() => countOtlpSpans(Uint8Array.from([0x0a, 0x10, 0x01])), /OTLP protobuf: field 1 runs past the end/);
});

/**
 * The integration against a real OTLP intake on loopback: the spans Sentry sends leave a second
 * time over OTLP, with the same trace id, span ids and parents, and the service as the resource.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import * as Sentry from '@sentry/node';
import type { OtlpProtocol } from './otlp-config.js';
import { isOtlpExportRequest, otlpExportIntegration } from './otlp-export.js';

interface OtlpRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

interface JsonTraces {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: JsonSpan[] }[] }[];
}

/** Sends one traced request (a server span with a database child) through Sentry and returns both copies. */
async function exportOneTransaction(protocol: OtlpProtocol) {
  const received: OtlpRequest[] = [];
  const intake = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(parts) });
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' }).end(protocol === 'http/json' ? '{}' : '');
    });
  });
  intake.listen(0, '127.0.0.1');
  await once(intake, 'listening');
  const url = `http://127.0.0.1:${(intake.address() as AddressInfo).port}/v1/traces`;
  const transactions: Sentry.Event[] = [];
  const otlpExport = otlpExportIntegration(
    { protocol, url, headers: { 'x-api-key': 'k1' } },
    { service: 'users', environment: 'test', release: 'r1' },
  );
  try {
    Sentry.init({
      dsn: 'http://public@127.0.0.1:9/1',
      tracesSampleRate: 1,
      traceLifecycle: 'static',
      defaultIntegrations: false,
      integrations: [otlpExport],
      // Sentry's copy stays in the process: nothing leaves but the OTLP export to the local intake.
      transport: () => ({
        send: async (envelope) => {
          for (const [header, payload] of envelope[1]) {
            if (header.type === 'transaction') transactions.push(payload as Sentry.Event);
          }
          return {};
        },
        flush: async () => true,
      }),
    });
    Sentry.startSpan({ name: 'POST /graphql', op: 'http.server' }, () =>
      Sentry.startSpan({ name: 'select "players".* from "players"', op: 'db' }, () => undefined),
    );
    await Sentry.flush(5000);
    await otlpExport.forceFlush();
    assert.equal(transactions.length, 1, 'one transaction for Sentry');
    return { transaction: transactions[0]!, received };
  } finally {
    await Sentry.close(2000);
    intake.closeAllConnections();
    intake.close();
  }
}

test('http/json: the same trace, span ids and parents as the transaction Sentry sends', { timeout: 20_000 }, async () => {
  const { transaction, received } = await exportOneTransaction('http/json');
  assert.equal(received.length, 1, 'one OTLP request');
  const request = received[0]!;
  assert.equal(request.path, '/v1/traces');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers['x-api-key'], 'k1');
  const body = JSON.parse(request.body.toString('utf8')) as JsonTraces;
  const resource = Object.fromEntries(body.resourceSpans[0]!.resource.attributes.map(({ key, value }) => [key, value.stringValue]));
  assert.equal(resource['service.name'], 'users');
  assert.equal(resource['service.version'], 'r1');
  const spans = body.resourceSpans.flatMap((resourceSpans) => resourceSpans.scopeSpans.flatMap((scope) => scope.spans));
  const root = transaction.contexts!.trace!;
  const child = transaction.spans![0]!;
  assert.deepEqual(
    spans.map(({ traceId, spanId, parentSpanId, name, kind }) => ({
      traceId,
      spanId,
      parentSpanId: parentSpanId || undefined,
      name,
      kind,
    })),
    [
      { traceId: root.trace_id, spanId: root.span_id, parentSpanId: undefined, name: 'POST /graphql', kind: 2 },
      { traceId: root.trace_id, spanId: child.span_id, parentSpanId: root.span_id, name: 'select "players".* from "players"', kind: 3 },
    ],
  );
});

test('http/protobuf: one protobuf request that carries the trace id', { timeout: 20_000 }, async () => {
  const { transaction, received } = await exportOneTransaction('http/protobuf');
  assert.equal(received.length, 1, 'one OTLP request');
  assert.equal(received[0]!.headers['content-type'], 'application/x-protobuf');
  const traceId = Buffer.from(transaction.contexts!.trace!.trace_id, 'hex');
  assert.ok(received[0]!.body.includes(traceId), 'the trace id, as 16 bytes, is in the body');
});

test('the exporter knows its own requests (they must not be traced)', { timeout: 5000 }, () => {
  const target = { protocol: 'http/protobuf', url: 'http://127.0.0.1:4318/v1/traces', headers: {} } as const;
  assert.equal(isOtlpExportRequest(target, 'http://127.0.0.1:4318/v1/traces'), true);
  assert.equal(isOtlpExportRequest(target, 'http://127.0.0.1:4318/graphql'), false);
  assert.equal(isOtlpExportRequest(target, 'http://127.0.0.1:4319/v1/traces'), false);
});

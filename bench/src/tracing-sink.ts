import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { countOtlpSpans } from './otlp-span-count.js';

/** What reached the sink: Sentry transactions and their spans, OTLP export requests and their spans. */
export interface TracingCounts {
  transactions: number;
  /** Spans in the transactions, each transaction's root span included. */
  sentrySpans: number;
  otlpRequests: number;
  otlpSpans: number;
}

/**
 * One local endpoint that stands where both Sentry and an OTLP backend would: envelopes arrive at
 * `/api/1/envelope/`, OTLP (protobuf) at `/v1/traces`; it counts what it gets and drops it, so a
 * benchmark row pays what its tracing costs the services and no more.
 */
export async function startTracingSink() {
  const counts: TracingCounts = { transactions: 0, sentrySpans: 0, otlpRequests: 0, otlpSpans: 0 };
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      let body = Buffer.concat(parts);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      if (req.url?.startsWith('/v1/traces')) {
        counts.otlpRequests++;
        counts.otlpSpans += countOtlpSpans(body);
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
        return;
      }
      // An item header is a line of its own; the transaction's payload is the line after it.
      const lines = body.toString('utf8').split('\n');
      lines.forEach((line, index) => {
        if (!line.startsWith('{"type":"transaction"')) return;
        counts.transactions++;
        counts.sentrySpans += 1 + ((JSON.parse(lines[index + 1] ?? '{}') as { spans?: unknown[] }).spans?.length ?? 0);
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    /** Its address as a DSN; its origin is the OTLP base endpoint. */
    dsn: `http://publickey@127.0.0.1:${(server.address() as AddressInfo).port}/1`,
    counts: (): TracingCounts => ({ ...counts }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

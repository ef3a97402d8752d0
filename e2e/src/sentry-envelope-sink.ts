import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { transactionsFromEnvelope, type SentryTransaction } from '@trace-arcade/trace-detectors';
import { profileChunksFromEnvelope, type ProfileChunk } from './cpu-profile.js';
import { envelopeItems } from './envelope-items.js';

/** An error event as the SDK sends it (`captureException`): what was thrown and the trace it belongs to. */
export interface SentryErrorEvent {
  event_id: string;
  level?: string;
  server_name?: string;
  tags?: Record<string, string>;
  exception?: { values?: { type?: string; value?: string }[] };
  contexts?: { trace?: { trace_id?: string; span_id?: string } };
}

/**
 * The error events (items of type `event`) in a raw envelope (framed by envelope-items.ts).
 */
export function errorEventsFromEnvelope(text: string): SentryErrorEvent[] {
  const events: SentryErrorEvent[] = [];
  for (const { header, payload } of envelopeItems(text)) {
    if (header.type !== 'event') continue;
    try {
      events.push(JSON.parse(payload) as SentryErrorEvent);
    } catch {
      break; // a malformed item: the rest of the envelope cannot be trusted
    }
  }
  return events;
}

/** One metric value as the SDK sends it (`Sentry.metrics.*`): an entry of a `trace_metric` item's `items`. */
export interface SentryTraceMetric {
  timestamp: number;
  trace_id: string;
  span_id?: string;
  name: string;
  type: 'counter' | 'gauge' | 'distribution';
  unit?: string;
  value: number;
  attributes: Record<string, { value: string | number | boolean; type: string }>;
}

/** The metric values (items of type `trace_metric`, each holding a batch) in a raw envelope. */
export function traceMetricsFromEnvelope(text: string): SentryTraceMetric[] {
  const metrics: SentryTraceMetric[] = [];
  for (const { header, payload } of envelopeItems(text)) {
    if (header.type !== 'trace_metric') continue;
    try {
      metrics.push(...(JSON.parse(payload) as { items: SentryTraceMetric[] }).items);
    } catch {
      break; // a malformed item: the rest of the envelope cannot be trusted
    }
  }
  return metrics;
}

/**
 * A local HTTP endpoint that stands where Sentry would: the SDKs' DSN points here, and every
 * envelope they send is parsed and kept for the test to read.
 */
export class SentryEnvelopeSink {
  readonly transactions: SentryTransaction[] = [];
  /** Error events (`captureException`), in the order they arrived. */
  readonly errors: SentryErrorEvent[] = [];
  /** Metric values (`trace_metric` items), in the order they arrived. */
  readonly metrics: SentryTraceMetric[] = [];
  /** CPU profile chunks (`profile_chunk`), in the order they arrived. */
  readonly profileChunks: ProfileChunk[] = [];
  /** Every envelope as it arrived (decompressed), for tests that look at all of what is sent. */
  readonly raw: string[] = [];
  #server: Server | undefined;
  #port = 0;

  /** The DSN that makes the SDK send here. */
  get dsn(): string {
    return `http://publickey@127.0.0.1:${this.#port}/1`;
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        this.raw.push(body.toString('utf8'));
        this.transactions.push(...transactionsFromEnvelope(body.toString('utf8')));
        this.errors.push(...errorEventsFromEnvelope(body.toString('utf8')));
        this.profileChunks.push(...profileChunksFromEnvelope(body.toString('utf8')));
        this.metrics.push(...traceMetricsFromEnvelope(body.toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  /** Waits until `predicate` holds for the transactions received so far. */
  async waitFor(predicate: (transactions: SentryTransaction[]) => boolean, timeoutMs = 15_000): Promise<SentryTransaction[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (predicate(this.transactions)) return this.transactions;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(
      `expected transactions did not arrive within ${timeoutMs} ms; got ${this.transactions.map((t) => `${t.server_name}:${t.transaction}`).join(', ')}`,
    );
  }

  /** Waits until an error event that satisfies `predicate` has arrived, and returns it. */
  async waitForError(predicate: (event: SentryErrorEvent) => boolean, timeoutMs = 15_000): Promise<SentryErrorEvent> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.errors.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seen = this.errors.map((e) => `${e.server_name}:${e.contexts?.trace?.trace_id}:${e.exception?.values?.at(-1)?.value}`);
    throw new Error(`expected error event did not arrive within ${timeoutMs} ms; got ${seen.length} others: ${seen.join(' | ')}`);
  }

  /** Waits until the metric values that satisfy `predicate` number at least `count`, and returns them. */
  async waitForMetrics(predicate: (metric: SentryTraceMetric) => boolean, count = 1, timeoutMs = 15_000): Promise<SentryTraceMetric[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.metrics.filter(predicate);
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seen = this.metrics.map((m) => `${m.name}@${m.trace_id.slice(0, 8)}=${m.value}`);
    throw new Error(
      `expected ${count} metric values within ${timeoutMs} ms; got ${this.metrics.filter(predicate).length}, and these others: ${seen.join(' ')}`,
    );
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}

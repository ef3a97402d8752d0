import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface SentrySpan {
  span_id: string;
  parent_span_id?: string;
  trace_id: string;
  op?: string;
  description?: string;
  start_timestamp: number;
  timestamp: number;
  data?: Record<string, unknown>;
}

/** A transaction event as the SDK sends it (trace lifecycle `static`). */
export interface SentryTransaction {
  type: 'transaction';
  transaction: string;
  server_name?: string;
  tags?: Record<string, string>;
  contexts: { trace: SentrySpan };
  spans: SentrySpan[];
  start_timestamp: number;
  timestamp: number;
}

/**
 * A local HTTP endpoint that stands where Sentry would: the SDKs' DSN points here, and every
 * envelope they send is parsed and kept for the test to read.
 */
export class SentryEnvelopeSink {
  readonly transactions: SentryTransaction[] = [];
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
        this.#parseEnvelope(body.toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  /** An envelope is a header line, then item header and payload lines. */
  #parseEnvelope(text: string): void {
    const lines = text.split('\n');
    for (let index = 1; index + 1 < lines.length; index += 2) {
      const itemHeader = JSON.parse(lines[index]!) as { type?: string };
      const payload = lines[index + 1]!;
      if (itemHeader.type === 'transaction') this.transactions.push(JSON.parse(payload) as SentryTransaction);
    }
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

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}

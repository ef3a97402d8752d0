/**
 * The gateway's HTTP client for subgraph fetches: Node's `http.request` over one keep-alive agent
 * per process, the answer buffered whole (a subgraph answer is one JSON document). Apollo Gateway's
 * default client, make-fetch-happen (over minipass-fetch and agent-base), took about 9 % of the
 * gateway's CPU; Node's `fetch` (undici) was no cheaper per call. Measured per call on this machine
 * (client and a stand-in server in one process, 2026-11-29): about 60-120 µs of CPU here against
 * 170-320 µs for either of the others. Sentry instruments `http.request`, so `sentry-trace`,
 * `baggage` and `traceparent` still reach the subgraphs.
 */
import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * How long an idle pooled socket is kept. Below the subgraphs' keep-alive timeout
 * (`SERVER_KEEP_ALIVE_TIMEOUT_MS` in service-runtime's http-service.ts, 10 s), so the gateway lets go
 * of a socket well before the subgraph closes it; a socket reused at the moment its server closes
 * it fails with ECONNRESET (see `sendOnce` for the one retry that covers what is left of that race).
 */
export const IDLE_SOCKET_TIMEOUT_MS = 4_000;

const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT_MS }),
};

/** A response whose body has arrived in full. */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly body: Buffer,
  ) {}
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body.toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return new Uint8Array(this.body).buffer;
  }
  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, new Headers(this.headers), this.body);
  }
}

/** Why a request ended early: the signal's own reason's name (`TimeoutError` for AbortSignal.timeout). */
function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('the request was aborted');
  error.name = 'AbortError';
  return error;
}

/**
 * A request that failed on a pooled socket before any answer arrived: the subgraph had closed the
 * idle connection as the request was written to it, so it never saw the request.
 */
class StaleSocketError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
    this.name = cause.name;
  }
}

/**
 * Whether a subgraph fetch may be sent twice: a query reads, a mutation may write (a bet). The body
 * is Apollo Gateway's `JSON.stringify({ query, ... })`, whose document the query planner writes
 * with its operation keyword first (`query Op__game__0(...)`, `mutation ...`) or as `{ ... }`.
 */
export function isRetryableBody(body: unknown): boolean {
  return typeof body === 'string' && /^\{"query":"(query\b|\{)/.test(body);
}

/**
 * Sends one request; `init.signal` (an AbortSignal) ends it, and frees its socket, whenever it fires.
 * A query that fails on a reused keep-alive socket before any answer (ECONNRESET, "socket hang up":
 * the subgraph closed the idle socket as the gateway reused it) is sent once more on a new
 * connection; a mutation is not, since the gateway cannot know whether the subgraph acted on it.
 */
export const subgraphFetcher: Fetcher = async (url: string, init: FetcherRequestInit = {}) => {
  try {
    return await sendOnce(url, init);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    if (!isRetryableBody(init.body)) throw error.cause;
    return sendOnce(url, init).catch((retryError: unknown) => {
      throw retryError instanceof StaleSocketError ? retryError.cause : retryError;
    });
  }
};

function sendOnce(url: string, init: FetcherRequestInit): Promise<FetcherResponse> {
  return new Promise<FetcherResponse>((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const signal = init.signal as AbortSignal | undefined;
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const request = client.request(target, {
      method: init.method ?? 'GET',
      headers: init.headers,
      agent: agents[target.protocol as 'http:'],
    });
    const onAbort = () => request.destroy(abortError(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);
    let answered = false;
    request.on('error', (error: NodeJS.ErrnoException) => {
      settle();
      const staleSocket = request.reusedSocket && !answered && !signal?.aborted && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      reject(staleSocket ? new StaleSocketError(error) : error);
    });
    request.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => {
        settle();
        reject(error);
      });
      response.on('end', () => {
        settle();
        const headers = new Headers();
        const raw = response.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
        resolve(new BufferedResponse(url, response.statusCode ?? 0, response.statusMessage ?? '', headers, Buffer.concat(chunks)));
      });
    });
    request.end(init.body);
  });
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { EventLoopLag } from './event-loop-lag.js';
import type { RequestCostSnapshot } from './perf-extension.js';

/** What `snapshot()` returns; its shape is part of the gateway's `extensions.perf` (perf-extension.ts). */
export type { RequestCostSnapshot };

/**
 * What one request cost, counted where the work happens: the SQL client's query hook, MongoDB
 * command monitoring and outbound HTTP, never inferred from the scenario mode.
 */
export class RequestCost {
  sqlStatements = 0;
  sqlMs = 0;
  mongoCommands = 0;
  mongoMs = 0;
  httpCalls = 0;
  /** Stays undefined (and out of the snapshot) in services that do not measure pool waits. */
  poolWaitMs: number | undefined;
  /** The same waits per pool (by the pool's name), for the `db.pool.wait` metric. */
  readonly poolWaitsByPool = new Map<string, number>();
  readonly #startedAt = performance.now();
  readonly #eventLoop: EventLoopLag | undefined;

  /** `eventLoop`: the process's lag sampler, where the service measures event-loop delay. */
  constructor(options: { eventLoop?: EventLoopLag }) {
    this.#eventLoop = options.eventLoop;
  }

  async snapshot(): Promise<RequestCostSnapshot> {
    const twoDecimals = (value: number) => Math.round(value * 100) / 100;
    const snapshot: RequestCostSnapshot = {
      ms: twoDecimals(performance.now() - this.#startedAt),
      sqlStatements: this.sqlStatements,
      sqlMs: twoDecimals(this.sqlMs),
      mongoCommands: this.mongoCommands,
      mongoMs: twoDecimals(this.mongoMs),
      httpCalls: this.httpCalls,
    };
    if (this.poolWaitMs !== undefined) snapshot.poolWaitMs = twoDecimals(this.poolWaitMs);
    if (this.#eventLoop) {
      // A stall is seen by the sampler's first tick after it: let that tick run before reading.
      await new Promise((resolve) => setTimeout(resolve, 0));
      snapshot.eventLoopDelay = this.#eventLoop.since(this.#startedAt);
    }
    snapshot.heapUsedBytes = heapUsedBytes();
    return snapshot;
  }
}

/** The heap in use now; after a full collection when the process exposes `gc` (see `heapUsedBytes` above). */
function heapUsedBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') gc();
  return process.memoryUsage().heapUsed;
}

const costs = new AsyncLocalStorage<RequestCost>();

/** Runs `next` (the rest of the request's handling) with its own cost counters. */
export function measureRequest<T>(cost: RequestCost, next: () => T): T {
  return costs.run(cost, next);
}

export function currentRequestCost(): RequestCost | undefined {
  return costs.getStore();
}

/** For the Kysely `log` hook: every executed statement, including failed ones, and its duration. */
export function countSqlStatement(event: { queryDurationMillis: number }): void {
  const cost = costs.getStore();
  if (!cost) return;
  cost.sqlStatements++;
  cost.sqlMs += event.queryDurationMillis;
}

/** For a pool wrapper: how long one request waited for a connection from the pool named `pool`. */
export function countPoolWait(pool: string, ms: number): void {
  const cost = costs.getStore();
  if (!cost) return;
  cost.poolWaitMs = (cost.poolWaitMs ?? 0) + ms;
  cost.poolWaitsByPool.set(pool, (cost.poolWaitsByPool.get(pool) ?? 0) + ms);
}

/** For the MongoDB driver's `commandSucceeded` and `commandFailed` events. */
export function countMongoCommand(event: { duration: number }): void {
  const cost = costs.getStore();
  if (!cost) return;
  cost.mongoCommands++;
  cost.mongoMs += event.duration;
}

/**
 * The SDK's own requests: envelopes to the DSN (`/api/<project>/envelope/`). A flush can start inside
 * a request's async context (a metrics timer set while it ran) and is not the request's work.
 */
const SENTRY_ENVELOPE_PATH = /^\/api\/[^/]+\/envelope\/?(\?|$)/;

function countHttpCall(message: unknown): void {
  const cost = costs.getStore();
  if (!cost) return;
  const { request } = message as { request?: { path?: string } };
  if (typeof request?.path === 'string' && SENTRY_ENVELOPE_PATH.test(request.path)) return;
  cost.httpCalls++;
}

// Outbound HTTP through fetch (undici) and through node:http.
subscribe('undici:request:create', countHttpCall);
subscribe('http.client.request.start', countHttpCall);

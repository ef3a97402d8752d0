import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';

export interface RequestCostSnapshot {
  ms: number;
  sqlStatements: number;
  mongoCommands: number;
  httpCalls: number;
  /** Event-loop delay seen while the request ran, where the service measures it. */
  eventLoopDelay?: { p99Ms: number; maxMs: number };
}

/**
 * What one request cost, counted where the work happens: the SQL client's query hook, MongoDB
 * command monitoring and outbound HTTP, never inferred from the scenario mode.
 */
export class RequestCost {
  sqlStatements = 0;
  mongoCommands = 0;
  httpCalls = 0;
  readonly #startedAt = performance.now();
  readonly #eventLoop: IntervalHistogram | undefined;

  constructor(options: { measureEventLoopDelay: boolean }) {
    if (options.measureEventLoopDelay) {
      this.#eventLoop = monitorEventLoopDelay({ resolution: 5 });
      this.#eventLoop.enable();
    }
  }

  async snapshot(): Promise<RequestCostSnapshot> {
    const ms = Math.round((performance.now() - this.#startedAt) * 100) / 100;
    const snapshot: RequestCostSnapshot = {
      ms,
      sqlStatements: this.sqlStatements,
      mongoCommands: this.mongoCommands,
      httpCalls: this.httpCalls,
    };
    if (this.#eventLoop) {
      // A stall is recorded when the delayed timer finally runs: let it run once before reading.
      await new Promise((resolve) => setTimeout(resolve, 0));
      this.#eventLoop.disable();
      const histogram = this.#eventLoop;
      const toMs = (nanoseconds: number) => Math.round(nanoseconds / 10_000) / 100;
      snapshot.eventLoopDelay =
        histogram.count === 0 ? { p99Ms: 0, maxMs: 0 } : { p99Ms: toMs(histogram.percentile(99)), maxMs: toMs(histogram.max) };
    }
    return snapshot;
  }
}

const costs = new AsyncLocalStorage<RequestCost>();

/** Runs `next` (the rest of the request's handling) with its own cost counters. */
export function measureRequest<T>(cost: RequestCost, next: () => T): T {
  return costs.run(cost, next);
}

export function currentRequestCost(): RequestCost | undefined {
  return costs.getStore();
}

/** For the Kysely `log` hook: every executed statement, including failed ones. */
export function countSqlStatement(): void {
  const cost = costs.getStore();
  if (cost) cost.sqlStatements++;
}

/** For the MongoDB driver's `commandStarted` event. */
export function countMongoCommand(): void {
  const cost = costs.getStore();
  if (cost) cost.mongoCommands++;
}

function countHttpCall(): void {
  const cost = costs.getStore();
  if (cost) cost.httpCalls++;
}

// Outbound HTTP through fetch (undici) and through node:http.
subscribe('undici:request:create', countHttpCall);
subscribe('http.client.request.start', countHttpCall);

/**
 * A closed-loop load: a fixed number of clients, each sending its next request as soon as the
 * previous one answered, for a fixed time. Throughput then measures how much work the system
 * does per second at that concurrency; it cannot queue up more than `clients` requests.
 */
import { performance } from 'node:perf_hooks';
import { percentile, round } from './stats.js';

export interface ClosedLoopSample {
  /** Which request of the mix it was (a scenario name). */
  name: string;
  ms: number;
  error?: string;
}

export interface ClosedLoopResult {
  samples: ClosedLoopSample[];
  elapsedMs: number;
}

/**
 * Runs `clients` loops for `durationMs`; each takes the next request from `next` (shared, so the
 * mix is spread over all clients) and awaits `send`. A request that throws counts as an error.
 * Requests still in flight at the deadline complete and are counted.
 */
export async function runClosedLoop(options: {
  clients: number;
  durationMs: number;
  next: () => { name: string; send: () => Promise<void> };
}): Promise<ClosedLoopResult> {
  const samples: ClosedLoopSample[] = [];
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (performance.now() < deadline) {
        const { name, send } = options.next();
        const sent = performance.now();
        try {
          await send();
          samples.push({ name, ms: performance.now() - sent });
        } catch (error) {
          samples.push({ name, ms: performance.now() - sent, error: (error as Error).message });
        }
      }
    }),
  );
  return { samples, elapsedMs: performance.now() - started };
}

export interface ClosedLoopSummary {
  requests: number;
  errors: number;
  /** Successful requests per second of the whole run. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The median of each request of the mix, to see which one dominates. */
  p50MsByName: Record<string, number>;
}

/** Throughput and nearest-rank latency percentiles of the successful requests. */
export function summarizeClosedLoop({ samples, elapsedMs }: ClosedLoopResult): ClosedLoopSummary {
  const ok = samples.filter((sample) => sample.error === undefined);
  if (ok.length === 0) {
    const firstError = samples.find((sample) => sample.error !== undefined)?.error ?? 'no request was sent';
    throw new Error(`closed loop: expected successful requests; got none (${firstError})`);
  }
  const names = [...new Set(ok.map((sample) => sample.name))];
  return {
    requests: ok.length,
    errors: samples.length - ok.length,
    requestsPerSecond: round(ok.length / (elapsedMs / 1000)),
    p50Ms: round(
      percentile(
        ok.map((sample) => sample.ms),
        50,
      ),
    ),
    p99Ms: round(
      percentile(
        ok.map((sample) => sample.ms),
        99,
      ),
    ),
    p50MsByName: Object.fromEntries(
      names.map((name) => [
        name,
        round(
          percentile(
            ok.filter((sample) => sample.name === name).map((sample) => sample.ms),
            50,
          ),
        ),
      ]),
    ),
  };
}

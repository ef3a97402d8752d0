import { performance } from 'node:perf_hooks';
import { percentile } from '@trace-arcade/scenarios';

const INTERVAL_MS = 5;
const KEPT_SAMPLES = 4000;

/**
 * Measures event-loop delay the way `perf_hooks.monitorEventLoopDelay` does, with a timer that
 * records how late it runs, but keeps when each delay was seen, so that one request can read
 * the delays that happened while it ran (a histogram cannot be read per time window). A block is
 * seen by the first tick after it, however early in a request it started.
 */
export class EventLoopLag {
  readonly #seenAt = new Float64Array(KEPT_SAMPLES);
  readonly #lagMs = new Float64Array(KEPT_SAMPLES);
  #next = 0;
  #count = 0;
  #timer: NodeJS.Timeout | undefined;

  start(): void {
    let expected = performance.now() + INTERVAL_MS;
    this.#timer = setInterval(() => {
      const now = performance.now();
      this.#seenAt[this.#next] = now;
      this.#lagMs[this.#next] = Math.max(0, now - expected);
      this.#next = (this.#next + 1) % KEPT_SAMPLES;
      this.#count = Math.min(this.#count + 1, KEPT_SAMPLES);
      expected = now + INTERVAL_MS;
    }, INTERVAL_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** The p99 and the largest delay seen since `since` (a `performance.now()` time). */
  since(since: number): { p99Ms: number; maxMs: number } {
    const lags: number[] = [];
    for (let i = 0; i < this.#count; i++) if (this.#seenAt[i]! >= since) lags.push(this.#lagMs[i]!);
    const round = (ms: number) => Math.round(ms * 100) / 100;
    return { p99Ms: round(percentile(lags, 99) ?? 0), maxMs: round(Math.max(0, ...lags)) };
  }
}

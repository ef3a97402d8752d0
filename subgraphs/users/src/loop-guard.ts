/**
 * A deadline for a synchronous loop that may never end on some data. A loop that never awaits
 * holds the event loop: no timer, no abort signal and no gateway timeout can stop it from outside,
 * so the loop itself asks its guard, once per iteration, whether it has run too long. Past the
 * deadline the guard throws LOOP_GUARD_TRIPPED, which reaches Sentry as an error event on the
 * request's trace (error-reporting-plugin.ts), and the process serves the next request.
 */
import { performance } from 'node:perf_hooks';
import { graphQLError } from '@trace-arcade/service-runtime';

/**
 * Iterations between two looks at the clock. An iteration of the loops guarded here costs about a
 * microsecond; reading the clock every 1,024 of them adds nothing measurable and overshoots the
 * deadline by about a millisecond.
 */
export const CLOCK_EVERY = 1024;

export class LoopGuard {
  readonly #startedAt: number;
  #iterations = 0;

  /**
   * @param deadlineMs how long the loop may run, in wall time from now (users' LOOP_GUARD_MS)
   * @param clock milliseconds from some fixed point; tests pass their own
   */
  constructor(
    readonly deadlineMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!Number.isFinite(deadlineMs) || deadlineMs <= 0) throw new RangeError(`deadlineMs: expected a positive number; got ${deadlineMs}`);
    this.#startedAt = clock();
  }

  /** Iterations counted so far. */
  get iterations(): number {
    return this.#iterations;
  }

  /**
   * Counts one iteration; past the deadline, throws LOOP_GUARD_TRIPPED with the message `explain`
   * gives (what the loop was doing, e.g. where its cursor stood) and how long it ran.
   */
  tick(explain: () => string): void {
    this.#iterations++;
    if (this.#iterations % CLOCK_EVERY !== 0) return;
    const elapsedMs = this.clock() - this.#startedAt;
    if (elapsedMs < this.deadlineMs) return;
    throw graphQLError(
      'LOOP_GUARD_TRIPPED',
      `${explain()}; stopped by the loop guard after ${Math.round(elapsedMs)} ms (LOOP_GUARD_MS ${this.deadlineMs})`,
      {
        iterations: this.#iterations,
        elapsedMs: Math.round(elapsedMs),
        deadlineMs: this.deadlineMs,
      },
    );
  }
}

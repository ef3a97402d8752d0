import { performance } from 'node:perf_hooks';

/** One finished blocking call: when it held the event loop. */
interface Spent {
  start: number;
  end: number;
}

/**
 * A service's budget of event-loop time for the slow variants that block it (a CPU-bound RNG, a
 * backtracking regex, a loop that never awaits): at most `budgetMs` spent in them over any
 * `windowMs` of wall time, give or take one call.
 *
 * Such a call cannot be interrupted once it runs, and while it runs nothing else of the process
 * does, so a limit on calls in flight never fires (one runs, the others wait in the kernel's
 * queue). The budget therefore decides before a call starts, from what the calls of the last
 * `windowMs` actually cost (measured around each call) and what admitted calls not yet run are
 * expected to cost: while that is below `budgetMs` the call runs, otherwise it is refused at
 * once. A call on an idle service always runs, whatever it costs; under a flood the service
 * spends about max(`budgetMs`, one call) per window in slow variants and serves everything else
 * the rest of the time.
 */
export class SlowVariantCpuBudget {
  readonly #spent: Spent[] = [];
  readonly #pending = new Set<BlockingCall>();
  /** The last measured cost of a call per scenario: what a call admitted but not yet run is expected to cost. */
  readonly #lastCostMs = new Map<string, number>();

  constructor(
    /** Event-loop milliseconds the blocking slow variants may use per window; from 1. */
    readonly budgetMs: number,
    /** The sliding window, in milliseconds; at least `budgetMs`. */
    readonly windowMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!Number.isFinite(budgetMs) || budgetMs < 1) throw new RangeError(`CPU budget: expected at least 1 ms; got ${budgetMs}`);
    if (!Number.isFinite(windowMs) || windowMs < budgetMs)
      throw new RangeError(`CPU budget window: expected at least the budget (${budgetMs} ms); got ${windowMs}`);
  }

  /** Milliseconds spent in blocking slow variants within the last window. */
  spentMs(): number {
    return this.#spentAt(this.clock());
  }

  /** What admitted calls not yet run are expected to cost: their scenario's last cost, or the whole budget when unknown. */
  pendingMs(): number {
    let total = 0;
    for (const call of this.#pending) total += this.#lastCostMs.get(call.scenario) ?? this.budgetMs;
    return total;
  }

  /**
   * Admits one call of `scenario`'s slow variant, or answers how long until one would be admitted
   * (if nothing else runs meanwhile).
   */
  tryAdmit(scenario: string): BlockingCall | { retryAfterMs: number } {
    const now = this.clock();
    this.#prune(now);
    const pending = this.pendingMs();
    if (this.#spentAt(now) + pending < this.budgetMs) {
      const call = new BlockingCall(this, scenario);
      this.#pending.add(call);
      return call;
    }
    return { retryAfterMs: this.#retryAfterMs(now, pending) };
  }

  /** @internal Runs an admitted call's work and records what it cost. */
  measure<T>(call: BlockingCall, work: () => T): T {
    const start = this.clock();
    try {
      return work();
    } finally {
      const end = this.clock();
      this.#pending.delete(call);
      this.#spent.push({ start, end });
      this.#lastCostMs.set(call.scenario, end - start);
    }
  }

  /** @internal An admitted call that will not run after all. */
  cancel(call: BlockingCall): void {
    this.#pending.delete(call);
  }

  #spentAt(now: number): number {
    const from = now - this.windowMs;
    let total = 0;
    for (const { start, end } of this.#spent) total += Math.max(0, Math.min(end, now) - Math.max(start, from));
    return total;
  }

  #prune(now: number): void {
    while (this.#spent.length > 0 && this.#spent[0]!.end <= now - this.windowMs) this.#spent.shift();
  }

  /** The least wait after which what was spent, slid partly out of the window, plus `pending` is below the budget. */
  #retryAfterMs(now: number, pending: number): number {
    if (pending >= this.budgetMs)
      return Math.ceil(Math.max(...[...this.#pending].map((call) => this.#lastCostMs.get(call.scenario) ?? this.windowMs)));
    let low = 0;
    let high = this.windowMs;
    // What was spent only slides out as time passes (nothing new is counted): a binary search to 1 ms.
    while (high - low > 1) {
      const middle = (low + high) / 2;
      const from = now + middle - this.windowMs;
      let spent = 0;
      for (const { start, end } of this.#spent) spent += Math.max(0, end - Math.max(start, from));
      if (spent + pending < this.budgetMs) high = middle;
      else low = middle;
    }
    return Math.ceil(high);
  }
}

/** A blocking slow call admitted by the budget: run it once through `run`, or `cancel` it. */
export class BlockingCall {
  #settled = false;

  constructor(
    private readonly budget: SlowVariantCpuBudget,
    readonly scenario: string,
  ) {}

  /** Runs the call's synchronous work, measuring how long it holds the event loop. */
  run<T>(work: () => T): T {
    if (this.#settled) throw new Error(`${this.scenario}: a blocking slow call is admitted for one run; got a second`);
    this.#settled = true;
    return this.budget.measure(this, work);
  }

  /** Gives the admission back unused (the request ended before the call ran). */
  cancel(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.budget.cancel(this);
  }
}

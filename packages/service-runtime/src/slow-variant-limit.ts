import type { ApolloServerPlugin } from '@apollo/server';
import { SCENARIOS, type ScenarioName } from '@trace-arcade/scenarios';
import type { GraphQLError } from 'graphql';
import { graphQLError } from './graphql-errors.js';
import { currentRootField } from './root-field-scope.js';
import type { BlockingCall, SlowVariantCpuBudget } from './slow-variant-cpu-budget.js';

/** The services that own scenarios (the catalog's `services`). */
export type ScenarioService = (typeof SCENARIOS)[number]['services'][number];

/**
 * Admission of one service's slow variants, per call, so that no flood of slow requests can
 * starve the fixed ones. A call is one root field of an operation (its response key: two aliases
 * are two calls), with everything its resolvers run beneath it (an N+1's per-parent and
 * per-reference queries are one call), or, for a slow variant that blocks the event loop, each
 * run of it.
 *
 * - Slow variants that await (N+1 queries, slow aggregations, payment calls, a held pool
 *   connection, a leaking cache): one unit of work at a time, at most `limit` calls of it at once.
 *   A unit is a trace (the panel sends a scenario's unit, 8 concurrent bets say, under its click's
 *   trace); a request without one is a unit of its own. The first slow call on an idle service
 *   makes its unit the owner of the slow slots; the owner's calls are admitted up to `limit`, any
 *   other unit's are refused at once with SLOW_VARIANT_BUSY, and the ownership ends when the
 *   owner has no slow call in flight. A call takes a slot the first time it runs slow work of a
 *   scenario this service owns and keeps it until the request's answer is sent; a refused call
 *   does none of the slow work. Concurrent slow calls of separate units would share the database,
 *   the pool and the cores with the fixed requests; one unit at a time keeps the fixed ones
 *   within 3x of their latency alone (RELIABILITY.md, "Slow-variant flood").
 * - Slow variants that block the event loop (the catalog's `blocksEventLoop`): each run is
 *   admitted by the service's CPU budget (`SlowVariantCpuBudget`) before it starts, and refused
 *   with SLOW_VARIANT_BUSY while the budget is spent. Calls in flight mean nothing for them: while
 *   one runs, the others cannot even be read off the socket.
 *
 * Fixed variants, and slow variants of other services' scenarios, never count.
 */
export class SlowVariantLimit {
  readonly #owned: ReadonlySet<ScenarioName>;
  readonly #blocking: ReadonlySet<ScenarioName>;
  #inFlight = 0;
  /** The unit of work whose calls hold the slots; undefined while none is in flight. */
  #owner: UnitOfWork | undefined;
  #requests = 0;

  constructor(
    readonly service: ScenarioService,
    /** At most this many non-blocking slow calls at once; from 1. */
    readonly limit: number,
    /** The budget of the blocking slow variants; without it, they count against `limit` like the others. */
    readonly cpuBudget?: SlowVariantCpuBudget,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`slow-variant limit: expected a whole number from 1; got ${limit}`);
    const owned = SCENARIOS.filter((scenario) => (scenario.services as readonly string[]).includes(service));
    this.#owned = new Set(owned.map((scenario) => scenario.name));
    this.#blocking = new Set(cpuBudget ? owned.filter((scenario) => scenario.blocksEventLoop).map((scenario) => scenario.name) : []);
  }

  /** Non-blocking slow calls that hold a slot now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Whether `scenario`'s code lives in this service (only those count). */
  owns(scenario: ScenarioName): boolean {
    return this.#owned.has(scenario);
  }

  /** Whether `scenario`'s slow calls are admitted by the CPU budget. */
  isBudgeted(scenario: ScenarioName): boolean {
    return this.#blocking.has(scenario);
  }

  /**
   * A new request's ticket: its calls take slots, or budget, as they run slow work. `traceId`: the
   * trace the request belongs to, its unit of work; without one, the request is a unit of its own.
   */
  ticket(traceId?: string): SlowVariantTicket {
    return new SlowVariantTicket(this, traceId ? `trace:${traceId}` : `request:${++this.#requests}`);
  }

  /**
   * @internal Used by tickets: takes a slot for `unit` when no other unit holds them and one is
   * free; `held` when another unit holds them, `full` when `unit`'s calls fill them.
   */
  tryTake(unit: UnitOfWork): 'taken' | 'held' | 'full' {
    if (this.#owner !== undefined && this.#owner !== unit) return 'held';
    if (this.#inFlight >= this.limit) return 'full';
    this.#owner = unit;
    this.#inFlight++;
    return 'taken';
  }

  /** @internal Used by tickets: gives a slot back; the last one ends the owner's hold. */
  give(): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (this.#inFlight === 0) this.#owner = undefined;
  }

  busyError(scenario: ScenarioName, why: 'held' | 'full' = 'full'): GraphQLError {
    if (why === 'held') {
      const calls = this.#inFlight === 1 ? '1 slow-variant call' : `${this.#inFlight} slow-variant calls`;
      return graphQLError(
        'SLOW_VARIANT_BUSY',
        `slow variants in ${this.service} run for one unit of work (one trace) at a time; another one holds them with ${calls} in flight; ` +
          `got ${scenario}=slow: retry shortly or use the fixed variant`,
        { service: this.service, scenario, limit: this.limit, heldByAnotherUnit: true, inFlight: this.#inFlight },
      );
    }
    return graphQLError(
      'SLOW_VARIANT_BUSY',
      `at most ${this.limit} slow-variant calls at once in ${this.service}; got one more (${scenario}=slow): retry shortly or use the fixed variant`,
      { service: this.service, scenario, limit: this.limit },
    );
  }

  budgetError(scenario: ScenarioName, retryAfterMs: number): GraphQLError {
    const budget = this.cpuBudget!;
    const seconds = Math.ceil(retryAfterMs / 1000);
    return graphQLError(
      'SLOW_VARIANT_BUSY',
      `at most ${budget.budgetMs} ms of event-loop time per ${budget.windowMs / 1000} s for slow variants that block it in ${this.service}; ` +
        `got one more (${scenario}=slow) with ${Math.round(budget.spentMs() + budget.pendingMs())} ms spent or admitted: retry in ${seconds} s or use the fixed variant`,
      { service: this.service, scenario, budgetMs: budget.budgetMs, windowMs: budget.windowMs, retryAfterMs },
    );
  }
}

/** A unit of work: `trace:<trace id>`, or `request:<n>` for a request without a trace. */
type UnitOfWork = string;

/** What a ticket tracks for one call (one root field of the request). */
interface CallState {
  holding: boolean;
  /** Why the call was refused, once it was: it stays refused. */
  refused?: 'held' | 'full';
  /** Slow runs so far per scenario, for slow paths whose first runs cost what the fixed twin costs. */
  runs: Map<ScenarioName, number>;
  /** Blocking slow runs admitted by the budget and not run yet, per scenario. */
  admitted: Map<ScenarioName, BlockingCall>;
}

/** Calls outside any root field's resolver (unit tests, code run by hand) form one call. */
const OUTSIDE_ROOT_FIELD = '';

/** One request's calls and what they hold; everything is given back once, when the answer is sent. */
export class SlowVariantTicket {
  #closed = false;
  readonly #calls = new Map<string, CallState>();

  constructor(
    private readonly limit: SlowVariantLimit,
    /** The unit of work the request belongs to (its trace, or itself). */
    readonly unit: UnitOfWork,
  ) {}

  /**
   * Called before the request runs `scenario`'s slow variant. A non-blocking one takes the call's
   * slot the first time, or throws SLOW_VARIANT_BUSY when none is free (and again for every later
   * slow variant of that call, so that it does none of the slow work). A blocking one is admitted
   * by the CPU budget, or throws SLOW_VARIANT_BUSY; the admission waits for `runBlocking` (so a bet
   * can reserve its draw before it charges the player). Scenarios of other services pass freely, and
   * so do the first `freeCalls` runs of `scenario` in the call (one entity resolved by itself costs
   * one SELECT in either variant: only the second makes an N+1).
   */
  enter(scenario: ScenarioName, freeCalls = 0): void {
    if (!this.limit.owns(scenario)) return;
    if (this.#closed) throw this.limit.busyError(scenario); // resolvers still running after the answer do no slow work
    const call = this.#call();
    if (this.limit.isBudgeted(scenario)) {
      if (call.admitted.has(scenario)) return;
      const admission = this.limit.cpuBudget!.tryAdmit(scenario);
      if ('retryAfterMs' in admission) throw this.limit.budgetError(scenario, admission.retryAfterMs);
      call.admitted.set(scenario, admission);
      return;
    }
    if (call.holding) return;
    if (freeCalls > 0) {
      const runs = (call.runs.get(scenario) ?? 0) + 1;
      call.runs.set(scenario, runs);
      if (runs <= freeCalls) return;
    }
    const taken = call.refused ?? this.limit.tryTake(this.unit);
    if (taken === 'taken') {
      call.holding = true;
      return;
    }
    call.refused = taken;
    throw this.limit.busyError(scenario, taken);
  }

  /**
   * Runs `scenario`'s slow work after `enter`: a blocking one through its admission, measured
   * against the CPU budget; any other as it is.
   */
  runSlow<T>(scenario: ScenarioName, work: () => T): T {
    const admitted = this.#calls.get(currentRootField() ?? OUTSIDE_ROOT_FIELD)?.admitted;
    const admission = admitted?.get(scenario);
    if (!admission) return work();
    admitted!.delete(scenario);
    return admission.run(work);
  }

  /** The request was answered: its slots and unused admissions are given back. Safe to call more than once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const call of this.#calls.values()) {
      if (call.holding) this.limit.give();
      for (const admission of call.admitted.values()) admission.cancel();
    }
  }

  #call(): CallState {
    const key = currentRootField() ?? OUTSIDE_ROOT_FIELD;
    let call = this.#calls.get(key);
    if (!call) {
      call = { holding: false, runs: new Map(), admitted: new Map() };
      this.#calls.set(key, call);
    }
    return call;
  }
}

/**
 * Gives each request's slots and unused admissions back when its answer is sent. Every subgraph
 * with a SlowVariantLimit installs it beside the ticket in its context.
 */
export function slowVariantLimitPlugin<Context extends { slowVariants?: SlowVariantTicket }>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          contextValue.slowVariants?.close();
        },
      };
    },
  };
}

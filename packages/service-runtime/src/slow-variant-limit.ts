import type { ApolloServerPlugin } from '@apollo/server';
import { SCENARIOS, type ScenarioName } from '@trace-arcade/scenarios';
import type { GraphQLError } from 'graphql';
import { graphQLError } from './graphql-errors.js';

/** The services that own scenarios (the catalog's `services`). */
export type ScenarioService = (typeof SCENARIOS)[number]['services'][number];

/**
 * How many requests of one service may run a slow variant at once, so that a burst of slow
 * requests cannot starve the fixed ones. A request counts from the moment it first runs the slow
 * variant of a scenario this service owns until its answer is sent; one more is refused at once
 * with SLOW_VARIANT_BUSY, before it does any of the slow work. Requests that only run fixed
 * variants, or only ask for slow variants of other services' scenarios, never count.
 */
export class SlowVariantLimit {
  readonly #owned: ReadonlySet<ScenarioName>;
  #inFlight = 0;

  constructor(
    readonly service: ScenarioService,
    /** At most this many requests at once; from 1. */
    readonly limit: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`slow-variant limit: expected a whole number from 1; got ${limit}`);
    this.#owned = new Set(SCENARIOS.filter((scenario) => (scenario.services as readonly string[]).includes(service)).map((s) => s.name));
  }

  /** Requests that hold a slot now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Whether `scenario`'s code lives in this service (only those count). */
  owns(scenario: ScenarioName): boolean {
    return this.#owned.has(scenario);
  }

  /** A new request's ticket: it takes a slot the first time the request runs a slow variant. */
  ticket(): SlowVariantTicket {
    return new SlowVariantTicket(this);
  }

  /** @internal Used by tickets: takes a slot when one is free. */
  tryTake(): boolean {
    if (this.#inFlight >= this.limit) return false;
    this.#inFlight++;
    return true;
  }

  /** @internal Used by tickets: gives a slot back. */
  give(): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
  }

  busyError(scenario: ScenarioName): GraphQLError {
    return graphQLError(
      'SLOW_VARIANT_BUSY',
      `at most ${this.limit} slow-variant requests at once in ${this.service}; got one more (${scenario}=slow): retry shortly or use the fixed variant`,
      { service: this.service, scenario, limit: this.limit },
    );
  }
}

/** One request's hold on its service's slow-variant slots: taken at most once, given back once. */
export class SlowVariantTicket {
  #state: 'idle' | 'holding' | 'refused' | 'closed' = 'idle';
  /** Calls so far per scenario, for slow paths whose first calls cost what the fixed twin costs. */
  readonly #calls = new Map<ScenarioName, number>();

  constructor(private readonly limit: SlowVariantLimit) {}

  /**
   * Called before the request runs `scenario`'s slow variant: takes a slot the first time, or
   * throws SLOW_VARIANT_BUSY when none is free (and again for every later slow variant of the
   * request, so that it does none of the slow work). Scenarios of other services pass freely, and
   * so do the first `freeCalls` calls for `scenario` (one entity resolved by itself costs one
   * SELECT in either variant: only the second makes an N+1).
   */
  enter(scenario: ScenarioName, freeCalls = 0): void {
    if (!this.limit.owns(scenario) || this.#state === 'holding') return;
    if (freeCalls > 0) {
      const calls = (this.#calls.get(scenario) ?? 0) + 1;
      this.#calls.set(scenario, calls);
      if (calls <= freeCalls) return;
    }
    if (this.#state === 'idle' && this.limit.tryTake()) {
      this.#state = 'holding';
      return;
    }
    // Refused now, or the request was already answered: resolvers still running then do no slow work.
    if (this.#state === 'idle') this.#state = 'refused';
    throw this.limit.busyError(scenario);
  }

  /** The request was answered: its slot, if it took one, is free again. Safe to call more than once. */
  close(): void {
    if (this.#state === 'holding') this.limit.give();
    this.#state = 'closed';
  }
}

/**
 * Gives each request's slot back when its answer is sent. Every subgraph with a SlowVariantLimit
 * installs it beside the ticket in its context.
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

import {
  bodyLimitVariable,
  internalApiTokenVariable,
  loadConfig,
  portVariable,
  scenarioDefaultsVariable,
  slowVariantConcurrencyVariable,
  slowVariantCpuBudgetVariable,
  slowVariantCpuWindowVariable,
  urlVariable,
  wholeNumberVariable,
} from '@trace-arcade/service-runtime';
import { z } from 'zod';

const httpUrl = urlVariable(['http', 'https']);

/** Where the service keeps its data: all that the seed needs. */
const databaseVariables = {
  DATABASE_URL: urlVariable(['postgres', 'postgresql']).default('postgres://postgres:postgres@127.0.0.1:5433/trace_arcade_game'),
};

/** The seed's configuration: the database only. */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(z.object(databaseVariables), env);
}

/** Reads and validates the environment; called once at start-up. */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: portVariable(4002),
      ...databaseVariables,
      DATABASE_POOL_SIZE: wholeNumberVariable(1, 100, 10),
      /**
       * pool-exhaustion: the connections of the small pool that a bet's transaction (the charge's
       * writes) takes, apart from DATABASE_POOL_SIZE so that bets waiting for it never starve the
       * rest of the service. One by default: 10 bets at once then queue 10 deep, and the slow
       * variant's median bet waits for 4 others (with 2 connections it would wait for 2, under 3x
       * the fixed bet; see docs/scenarios/pool-exhaustion.md).
       */
      BET_POOL_SIZE: wholeNumberVariable(1, 20, 1),
      /**
       * How long a bet waits for a connection of that pool before it fails with UPSTREAM_UNAVAILABLE:
       * within the gateway's GAME_TIMEOUT_MS (15 s), above what 10 slow bets at once queue for.
       */
      BET_POOL_TIMEOUT_MS: wholeNumberVariable(100, 60_000, 10_000),
      /** The third-party payment API that charges each bet. */
      PAYMENT_PROVIDER_URL: httpUrl.default('http://127.0.0.1:4010'),
      /**
       * How long each call to the payment provider may take before the bet fails with
       * UPSTREAM_UNAVAILABLE naming it: above the provider's simulated latency (2 s at most).
       */
      PAYMENT_TIMEOUT_MS: wholeNumberVariable(100, 60_000, 5_000),
      /** Where played rounds are recorded: the users subgraph (history, wallet) and analytics. */
      USERS_URL: httpUrl.default('http://127.0.0.1:4001'),
      /** Sent with every call to their `/internal/*` routes. */
      INTERNAL_API_TOKEN: internalApiTokenVariable(),
      ANALYTICS_URL: httpUrl.default('http://127.0.0.1:4003'),
      SCENARIO_DEFAULTS: scenarioDefaultsVariable(),
      /** The largest JSON body `/graphql` accepts; the gateway's entity batches are the largest bodies here. */
      REQUEST_BODY_LIMIT_BYTES: bodyLimitVariable(1_048_576),
      /**
       * Requests that may run a slow variant of this service's scenarios at once; one more is
       * SLOW_VARIANT_BUSY. Higher than the other subgraphs': a slow payment-latency bet waits about
       * 3 s on the provider, and the load generator's default mix keeps up to 4 slow-variant
       * requests in flight here (measured), so 8 leaves it 2x of room.
       */
      SLOW_VARIANT_CONCURRENCY: slowVariantConcurrencyVariable(8),
      /**
       * The event-loop time cpu-rng's slow twins may take per window (SLOW_VARIANT_CPU_BUDGET_MS per
       * SLOW_VARIANT_CPU_WINDOW_MS): one slow run on an idle service always starts; a flood of
       * them gets SLOW_VARIANT_BUSY (npm run bench:slow-flood measured the defaults).
       */
      SLOW_VARIANT_CPU_BUDGET_MS: slowVariantCpuBudgetVariable(1000),
      SLOW_VARIANT_CPU_WINDOW_MS: slowVariantCpuWindowVariable(20_000),
      /**
       * cpu-rng, slow variant: how many primes above 1,000,000 each random number searches for.
       * Capped so that a demo cannot take the process down.
       */
      PRIME_RNG_PRIMES: wholeNumberVariable(1, 100_000, 50_000),
      /**
       * How long a request waits for another request with the same idempotency key to settle the
       * bet before it answers BET_IN_PROGRESS (retry with the same key).
       */
      BET_WAIT_MS: wholeNumberVariable(0, 60_000, 5_000),
      /**
       * After how long a bet's claim counts as abandoned (the process playing it died) and a retry
       * takes it over. Taking over a live claim charges nothing twice, it only repeats work.
       */
      BET_CLAIM_STALE_MS: wholeNumberVariable(1_000, 3_600_000, 60_000),
    }),
    env,
  );
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

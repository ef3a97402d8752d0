import {
  allowedHostsVariable,
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

/** Where the service keeps its data: all that the seed needs. */
const databaseVariables = {
  DATABASE_URL: urlVariable(['postgres', 'postgresql']).default('postgres://postgres:postgres@127.0.0.1:5433/trace_arcade_users'),
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
      /** `/internal/*` answers only the services that share this token, under these Host names. */
      INTERNAL_API_TOKEN: internalApiTokenVariable(),
      INTERNAL_ALLOWED_HOSTS: allowedHostsVariable(),
      PORT: portVariable(4001),
      ...databaseVariables,
      DATABASE_POOL_SIZE: wholeNumberVariable(1, 100, 10),
      SCENARIO_DEFAULTS: scenarioDefaultsVariable(),
      /** The largest JSON body `/graphql` accepts; the gateway's entity batches are the largest bodies here. */
      REQUEST_BODY_LIMIT_BYTES: bodyLimitVariable(1_048_576),
      /** Slow n-plus-one calls (root fields) that may run here at once; one more is SLOW_VARIANT_BUSY. */
      SLOW_VARIANT_CONCURRENCY: slowVariantConcurrencyVariable(4),
      /**
       * The event-loop time regex-backtracking's and infinite-loop's slow twins may take per window (SLOW_VARIANT_CPU_BUDGET_MS per
       * SLOW_VARIANT_CPU_WINDOW_MS): one slow run on an idle service always starts; a flood of
       * them gets SLOW_VARIANT_BUSY (npm run bench:slow-flood measured the defaults).
       */
      SLOW_VARIANT_CPU_BUDGET_MS: slowVariantCpuBudgetVariable(1000),
      SLOW_VARIANT_CPU_WINDOW_MS: slowVariantCpuWindowVariable(20_000),
      /**
       * How long a guarded synchronous loop may hold the event loop before it is stopped with
       * LOOP_GUARD_TRIPPED (infinite-loop's slow twin). Above the 500 ms at which a blocked event
       * loop is reported, so the block is reported too; short enough to let the process serve again soon.
       */
      LOOP_GUARD_MS: wholeNumberVariable(10, 60_000, 1_500),
    }),
    env,
  );
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

import { loadConfig, portVariable, scenarioDefaultsVariable, urlVariable, wholeNumberVariable } from '@trace-arcade/service-runtime';
import { z } from 'zod';

/** Reads and validates the environment; called once at start-up. */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: portVariable(4001),
      DATABASE_URL: urlVariable(['postgres', 'postgresql']).default('postgres://postgres:postgres@127.0.0.1:5433/trace_arcade_users'),
      DATABASE_POOL_SIZE: wholeNumberVariable(1, 100, 10),
      SCENARIO_DEFAULTS: scenarioDefaultsVariable(),
    }),
    env,
  );
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

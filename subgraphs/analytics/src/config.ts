import { loadConfig, portVariable, scenarioDefaultsVariable, urlVariable } from '@trace-arcade/service-runtime';
import { z } from 'zod';

/** Reads and validates the environment; called once at start-up. */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: portVariable(4003),
      MONGO_URL: urlVariable(['mongodb', 'mongodb+srv']).default('mongodb://127.0.0.1:27018'),
      MONGO_DATABASE: z
        .string()
        .regex(/^[\w-]{1,63}$/, 'expected a MongoDB database name')
        .default('trace_arcade_analytics'),
      SCENARIO_DEFAULTS: scenarioDefaultsVariable(),
    }),
    env,
  );
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

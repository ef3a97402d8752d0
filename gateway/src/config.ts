import { booleanVariable, loadConfig, portVariable, scenarioDefaultsVariable, urlVariable } from '@trace-arcade/service-runtime';
import { z } from 'zod';

const httpUrl = urlVariable(['http', 'https']);

/** Reads and validates the environment; called once at start-up. */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: portVariable(4000),
      /** Base URLs of the subgraphs; each serves GraphQL at `/graphql`. */
      USERS_URL: httpUrl.default('http://127.0.0.1:4001'),
      GAME_URL: httpUrl.default('http://127.0.0.1:4002'),
      ANALYTICS_URL: httpUrl.default('http://127.0.0.1:4003'),
      /**
       * Apollo Gateway probes cloud metadata addresses and reports usage to Apollo unless this is true.
       * Off by default for our users' privacy; set `false` to opt in.
       */
      APOLLO_TELEMETRY_DISABLED: booleanVariable(true),
      SCENARIO_DEFAULTS: scenarioDefaultsVariable(),
    }),
    env,
  );
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

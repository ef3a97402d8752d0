import {
  booleanVariable,
  loadConfig,
  portVariable,
  scenarioDefaultsVariable,
  telemetryVariables,
  urlVariable,
} from '@trace-arcade/service-runtime';
import { z } from 'zod';

const httpUrl = urlVariable(['http', 'https']);

const ORIGINS_EXPECTED = 'expected comma-separated http(s) origins (scheme, host and optional port, no path) like http://localhost:5173';

/** `CORS_ORIGINS`: the web origins allowed to call the gateway from a browser (the debug panel's). */
export function corsOriginsVariable() {
  return z
    .string()
    .default('http://localhost:5173,http://127.0.0.1:5173')
    .transform((text, context) => {
      const origins = text.split(',').map((part) => part.trim());
      const malformed = origins.filter((origin) => !isHttpOrigin(origin));
      if (malformed.length > 0) {
        context.addIssue({ code: 'custom', message: `${ORIGINS_EXPECTED}; ${JSON.stringify(malformed[0] ?? '')} is not one` });
        return z.NEVER;
      }
      return Object.freeze([...new Set(origins)]);
    });
}

/** An origin as a browser sends it in the `Origin` header: `http://host:port`, nothing after. */
function isHttpOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text;
  } catch {
    return false;
  }
}

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
      CORS_ORIGINS: corsOriginsVariable(),
      // The same variables instrument.ts gives Sentry, read again for `GET /about`.
      ...telemetryVariables.shape,
    }),
    env,
  );
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

import {
  bodyLimitVariable,
  booleanVariable,
  loadConfig,
  portVariable,
  scenarioDefaultsVariable,
  telemetryVariables,
  urlVariable,
  wholeNumberVariable,
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
      /**
       * Limits on one operation (query-limits.ts). The defaults leave every catalog operation
       * (depth 4, cost 1261, no alias, directive or more than 60 tokens) 2x to 4x of headroom.
       */
      MAX_QUERY_DEPTH: wholeNumberVariable(1, 100, 8),
      MAX_QUERY_COST: wholeNumberVariable(1, 10_000_000, 5_000),
      MAX_QUERY_ALIASES: wholeNumberVariable(0, 1_000, 15),
      MAX_QUERY_DIRECTIVES: wholeNumberVariable(0, 1_000, 20),
      MAX_QUERY_TOKENS: wholeNumberVariable(10, 1_000_000, 1_000),
      /** Operations with their variables are small: 100 KiB is Express's own default. */
      REQUEST_BODY_LIMIT_BYTES: bodyLimitVariable(102_400),
      /**
       * How long the gateway waits for each subgraph fetch. The slowest legitimate answers are the
       * slow variants: in game, payment-latency's 5 calls x PAYMENT_LATENCY_MS (3.2 s at the default
       * 600 ms, 10 s at its 2 s cap); in analytics, slow-aggregation (3 to 5.5 s on the default data
       * set with the MongoDB stand-in, 7 s for leaderboard(limit: 100)); in users, regex-backtracking's
       * 1 s per request and infinite-loop's 1.5 s (users' LOOP_GUARD_MS), which queue behind each other
       * (6 s for its SLOW_VARIANT_CONCURRENCY of 4).
       */
      USERS_TIMEOUT_MS: wholeNumberVariable(100, 300_000, 10_000),
      GAME_TIMEOUT_MS: wholeNumberVariable(100, 300_000, 15_000),
      ANALYTICS_TIMEOUT_MS: wholeNumberVariable(100, 300_000, 15_000),
      // The same variables instrument.ts gives Sentry, read again for `GET /about`.
      ...telemetryVariables.shape,
    }),
    env,
  );
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

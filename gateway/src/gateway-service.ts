import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { MODES, operationFor, SCENARIOS } from '@trace-arcade/scenarios';
import { startHttpService, type Logger, type RunningService } from '@trace-arcade/service-runtime';
import { aboutRoute, tracingAbout } from './about.js';
import type { ServiceConfig } from './config.js';
import { createContext, type GatewayContext } from './context.js';
import { corsMiddleware } from './cors.js';
import { SubgraphDataSource } from './data-sources.js';
import { perfPlugin } from './perf-plugin.js';
import { SlowVariantRefusals, slowVariantRefusalsPlugin } from './slow-variant-refusals.js';
import { recordQueryPlan } from './query-plan-shape.js';
import { queryLimitRules, queryLimitsPlugin, queryParseOptions, type QueryLimits } from './query-limits.js';
import { SUBGRAPH_NAMES, type SubgraphName } from './subgraphs.js';
import { SUPERGRAPH_FILE } from './supergraph.js';

async function subgraphReady(name: SubgraphName, baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(1500) });
  if (!response.ok) throw new Error(`${name} answered HTTP ${response.status}`);
}

/** Starts the gateway: CORS on every route, health, `/scenarios`, `/about` and the supergraph at `/graphql`. */
export async function startGateway(config: ServiceConfig, log: Logger): Promise<RunningService> {
  const subgraphUrls: Record<SubgraphName, string> = {
    users: config.USERS_URL,
    game: config.GAME_URL,
    analytics: config.ANALYTICS_URL,
  };
  const subgraphTimeouts: Record<SubgraphName, number> = {
    users: config.USERS_TIMEOUT_MS,
    game: config.GAME_TIMEOUT_MS,
    analytics: config.ANALYTICS_TIMEOUT_MS,
  };
  const limits: QueryLimits = {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxCost: config.MAX_QUERY_COST,
    maxAliases: config.MAX_QUERY_ALIASES,
    maxDirectives: config.MAX_QUERY_DIRECTIVES,
    maxTokens: config.MAX_QUERY_TOKENS,
  };
  // Read by @apollo/gateway when it is constructed: the library's own switch for its telemetry.
  process.env['APOLLO_TELEMETRY_DISABLED'] = String(config.APOLLO_TELEMETRY_DISABLED);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name }) =>
      new SubgraphDataSource(name as SubgraphName, `${subgraphUrls[name as SubgraphName]}/graphql`, subgraphTimeouts[name as SubgraphName]),
    experimental_didResolveQueryPlan: recordQueryPlan,
  });
  const tracing = tracingAbout(config);
  return startHttpService<GatewayContext>({
    name: 'gateway',
    host: config.HOST,
    port: config.PORT,
    log,
    bodyLimitBytes: config.REQUEST_BODY_LIMIT_BYTES,
    readiness: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, () => subgraphReady(name, subgraphUrls[name])])),
    middleware: [corsMiddleware(config.CORS_ORIGINS)],
    routes: (app) => {
      app.get('/scenarios', (_req, res) => {
        // `operations` has every mode's operation and variables (`operationFor`): some twins are two operations.
        res.json({
          scenarios: SCENARIOS.map((scenario) => ({
            ...scenario,
            modes: MODES,
            operations: Object.fromEntries(MODES.map((mode) => [mode, operationFor(scenario, mode)])),
          })),
        });
      });
      aboutRoute(tracing, config.ANALYTICS_URL)(app);
    },
    graphql: {
      source: { gateway },
      context: async ({ req }) => createContext(req.headers, config.SCENARIO_DEFAULTS),
      validationRules: queryLimitRules(limits),
      parseOptions: queryParseOptions(limits),
      plugins: [queryLimitsPlugin(limits), slowVariantRefusalsPlugin(new SlowVariantRefusals()), perfPlugin()],
    },
  });
}

import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { MODES, SCENARIOS } from '@trace-arcade/scenarios';
import { startHttpService, type Logger, type RunningService } from '@trace-arcade/service-runtime';
import { aboutRoute, tracingAbout } from './about.js';
import type { ServiceConfig } from './config.js';
import { createContext, type GatewayContext } from './context.js';
import { corsMiddleware } from './cors.js';
import { SubgraphDataSource } from './data-sources.js';
import { perfPlugin } from './perf-plugin.js';
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
  // Read by @apollo/gateway when it is constructed: the library's own switch for its telemetry.
  process.env['APOLLO_TELEMETRY_DISABLED'] = String(config.APOLLO_TELEMETRY_DISABLED);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name }) => new SubgraphDataSource(name as SubgraphName, `${subgraphUrls[name as SubgraphName]}/graphql`),
  });
  const tracing = tracingAbout(config);
  return startHttpService<GatewayContext>({
    name: 'gateway',
    host: config.HOST,
    port: config.PORT,
    log,
    readiness: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, () => subgraphReady(name, subgraphUrls[name])])),
    middleware: [corsMiddleware(config.CORS_ORIGINS)],
    routes: (app) => {
      app.get('/scenarios', (_req, res) => {
        res.json({ scenarios: SCENARIOS.map((scenario) => ({ ...scenario, modes: MODES })) });
      });
      aboutRoute(tracing, config.ANALYTICS_URL)(app);
    },
    graphql: {
      source: { gateway },
      context: async ({ req }) => createContext(req.headers, config.SCENARIO_DEFAULTS),
      plugins: [perfPlugin()],
    },
  });
}

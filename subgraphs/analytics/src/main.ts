import {
  createLogger,
  createRequestScope,
  requestCostPlugin,
  retryUntilReady,
  runService,
  startHttpService,
} from '@trace-arcade/service-runtime';
import { loadServiceConfig } from './config.js';
import { createContext } from './context.js';
import { createDatabase, isMongoStandIn } from './database.js';
import { internalRoutes } from './internal-routes.js';
import { ensureIndexes } from './scenarios/slow-aggregation.js';
import { createSchema } from './schema.js';

const log = createLogger('analytics');

runService('analytics', async () => {
  const config = loadServiceConfig();
  const analytics = createDatabase(config.MONGO_URL, config.MONGO_DATABASE);
  const ping = () => analytics.db.command({ ping: 1 });
  await retryUntilReady(ping, { what: 'MongoDB (analytics database)', log });
  await ensureIndexes(analytics.rounds);
  if (await isMongoStandIn(analytics.db)) {
    log.warn(
      { database: config.MONGO_DATABASE },
      'MongoDB is the wire-protocol stand-in: indexes are accepted but never used, so index effects are not real here',
    );
  }
  return startHttpService({
    name: 'analytics',
    host: config.HOST,
    port: config.PORT,
    log,
    readiness: { mongodb: ping },
    routes: internalRoutes(analytics),
    graphql: {
      source: { schema: createSchema() },
      context: async ({ req }) => createContext(analytics, createRequestScope(req.headers, config.SCENARIO_DEFAULTS)),
      plugins: [requestCostPlugin()],
    },
    close: () => analytics.client.close(),
  });
});

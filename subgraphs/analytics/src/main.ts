import {
  createLogger,
  createRequestScope,
  requestCostPlugin,
  retryUntilReady,
  runService,
  SlowVariantLimit,
  slowVariantLimitPlugin,
  startHttpService,
} from '@trace-arcade/service-runtime';
import { loadServiceConfig } from './config.js';
import { createContext } from './context.js';
import { aboutRoute } from './about-route.js';
import { createDatabase, ensureIndexes } from './database.js';
import { internalRoutes } from './internal-routes.js';
import { detectMongoServer } from './mongo-server.js';
import { createActivityCaches } from './scenarios/memory-leak.js';
import { createSchema } from './schema.js';

const log = createLogger('analytics');

runService('analytics', async () => {
  const config = loadServiceConfig();
  const analytics = createDatabase(config.MONGO_URL, config.MONGO_DATABASE);
  const ping = () => analytics.db.command({ ping: 1 });
  await retryUntilReady(ping, { what: 'MongoDB (analytics database)', log });
  await ensureIndexes(analytics);
  // Detected once: `GET /about` reports it, and the log says it when index effects are not real.
  const mongo = await detectMongoServer(analytics.db);
  if (mongo.server === 'mongod') log.info({ database: config.MONGO_DATABASE, mongo }, 'MongoDB server detected');
  else log.warn({ database: config.MONGO_DATABASE, mongo }, mongo.detail);
  const slowVariants = new SlowVariantLimit('analytics', config.SLOW_VARIANT_CONCURRENCY);
  // Once per process: the memory-leak scenario's caches outlive every request.
  const activityCaches = createActivityCaches({ leakCapMb: config.LEAK_CAP_MB, log });
  return startHttpService({
    name: 'analytics',
    host: config.HOST,
    port: config.PORT,
    log,
    bodyLimitBytes: config.REQUEST_BODY_LIMIT_BYTES,
    readiness: { mongodb: ping },
    routes: (app) => {
      internalRoutes(analytics, { token: config.INTERNAL_API_TOKEN, allowedHosts: config.INTERNAL_ALLOWED_HOSTS })(app);
      aboutRoute(mongo)(app);
    },
    graphql: {
      source: { schema: createSchema() },
      context: async ({ req }) =>
        createContext(analytics, createRequestScope(req.headers, config.SCENARIO_DEFAULTS, slowVariants), activityCaches),
      plugins: [requestCostPlugin(), slowVariantLimitPlugin()],
    },
    close: () => analytics.client.close(),
  });
});

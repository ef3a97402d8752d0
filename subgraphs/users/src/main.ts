import {
  createLogger,
  createRequestScope,
  requestCostPlugin,
  runService,
  SlowVariantCpuBudget,
  SlowVariantLimit,
  slowVariantLimitPlugin,
  startHttpService,
} from '@trace-arcade/service-runtime';
import { preparePostgres } from '@trace-arcade/service-runtime/postgres-migrations';
import { loadServiceConfig } from './config.js';
import { createContext } from './context.js';
import { createDatabase } from './database.js';
import { internalRoutes } from './internal-routes.js';
import { migrationProvider } from './migrations/index.js';
import { createSchema } from './schema.js';

const log = createLogger('users');

runService('users', async () => {
  const config = loadServiceConfig();
  const db = createDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE, log);
  const ping = await preparePostgres(db, { what: 'PostgreSQL (users database)', migrations: migrationProvider, log });
  const slowVariants = new SlowVariantLimit(
    'users',
    config.SLOW_VARIANT_CONCURRENCY,
    new SlowVariantCpuBudget(config.SLOW_VARIANT_CPU_BUDGET_MS, config.SLOW_VARIANT_CPU_WINDOW_MS),
  );
  return startHttpService({
    name: 'users',
    host: config.HOST,
    port: config.PORT,
    log,
    bodyLimitBytes: config.REQUEST_BODY_LIMIT_BYTES,
    readiness: { postgres: ping },
    routes: internalRoutes(db, { token: config.INTERNAL_API_TOKEN, allowedHosts: config.INTERNAL_ALLOWED_HOSTS }),
    // regex-backtracking's and infinite-loop's slow twins block the event loop: report the delay in extensions.perf.
    measureEventLoopDelay: true,
    graphql: {
      source: { schema: createSchema() },
      context: async ({ req }) =>
        createContext(db, createRequestScope(req.headers, config.SCENARIO_DEFAULTS, slowVariants), config.LOOP_GUARD_MS),
      plugins: [requestCostPlugin(), slowVariantLimitPlugin()],
    },
    close: () => db.destroy(),
  });
});

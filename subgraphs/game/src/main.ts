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
import { createBetDatabase, createDatabase } from './database.js';
import { migrationProvider } from './migrations/index.js';
import { BetWaits } from './bet-waits.js';
import { PaymentClient } from './payment-client.js';
import { RoundRecorder } from './round-recorder.js';
import { createSchema } from './schema.js';

const log = createLogger('game');

runService('game', async () => {
  const config = loadServiceConfig();
  const db = createDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE, log);
  const betDb = createBetDatabase(config.DATABASE_URL, { size: config.BET_POOL_SIZE, timeoutMs: config.BET_POOL_TIMEOUT_MS }, log);
  const ping = await preparePostgres(db, { what: 'PostgreSQL (game database)', migrations: migrationProvider, log });
  const services = {
    db,
    betDb,
    payments: new PaymentClient(config.PAYMENT_PROVIDER_URL, config.PAYMENT_TIMEOUT_MS),
    recorder: new RoundRecorder(config.USERS_URL, config.ANALYTICS_URL, config.INTERNAL_API_TOKEN),
    primeRngPrimes: config.PRIME_RNG_PRIMES,
    bets: { waitMs: config.BET_WAIT_MS, staleAfterMs: config.BET_CLAIM_STALE_MS },
    betWaits: new BetWaits(),
    log,
  };
  const slowVariants = new SlowVariantLimit(
    'game',
    config.SLOW_VARIANT_CONCURRENCY,
    new SlowVariantCpuBudget(config.SLOW_VARIANT_CPU_BUDGET_MS, config.SLOW_VARIANT_CPU_WINDOW_MS),
  );
  return startHttpService({
    name: 'game',
    host: config.HOST,
    port: config.PORT,
    log,
    bodyLimitBytes: config.REQUEST_BODY_LIMIT_BYTES,
    readiness: { postgres: ping },
    measureEventLoopDelay: true,
    graphql: {
      source: { schema: createSchema() },
      context: async ({ req }) => createContext(services, createRequestScope(req.headers, config.SCENARIO_DEFAULTS, slowVariants)),
      plugins: [requestCostPlugin(), slowVariantLimitPlugin()],
    },
    close: async () => {
      await Promise.all([db.destroy(), betDb.destroy()]);
    },
  });
});

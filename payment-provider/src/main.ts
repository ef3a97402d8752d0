import { createLogger, runService, startHttpService } from '@trace-arcade/service-runtime';
import { loadServiceConfig } from './config.js';
import { paymentRoutes } from './routes.js';

const log = createLogger('payment-provider');

runService('payment-provider', async () => {
  const config = loadServiceConfig();
  return startHttpService({
    name: 'payment-provider',
    host: config.HOST,
    port: config.PORT,
    log,
    readiness: {},
    routes: paymentRoutes({ latencyMs: config.PAYMENT_LATENCY_MS, limitCents: config.PAYMENT_LIMIT_CENTS }),
  });
});

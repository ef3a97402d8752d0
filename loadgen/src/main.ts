/**
 * The load generator: reads the scenario catalog from the gateway, drives the scenario mix at
 * LOAD_RATE requests per second with LOAD_SLOW_SHARE of them slow, stops by itself after
 * LOAD_DURATION_S or LOAD_MAX_REQUESTS, and prints a summary per scenario and mode.
 */
import { createLogger, retryUntilReady } from '@trace-arcade/service-runtime';
import { fetchCatalog, selectScenarios } from './catalog.js';
import { loadLoadgenConfig } from './config.js';
import { createMix } from './mix.js';
import { runLoad } from './run-load.js';
import { LoadStats } from './stats.js';
import { formatSummary } from './summary-table.js';

const log = createLogger('loadgen');
const REQUEST_TIMEOUT_MS = 30_000;
const PROGRESS_INTERVAL_MS = 10_000;

try {
  const config = loadLoadgenConfig();
  const catalog = await retryUntilReady(() => fetchCatalog(config.GATEWAY_URL), {
    what: `the scenario catalog at ${config.GATEWAY_URL}/scenarios`,
    log,
    timeoutMs: Math.max(1, config.LOAD_WAIT_S * 1000),
    intervalMs: 2000,
  });
  const scenarios = selectScenarios(catalog, config.LOAD_SCENARIOS);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());

  const stats = new LoadStats();
  log.info(
    {
      gateway: config.GATEWAY_URL,
      scenarios: scenarios.map((scenario) => scenario.name),
      rate: config.LOAD_RATE,
      durationS: config.LOAD_DURATION_S,
      maxRequests: config.LOAD_MAX_REQUESTS,
      slowShare: config.LOAD_SLOW_SHARE,
    },
    'load started',
  );
  const progress = setInterval(() => log.info(stats.totals(), 'progress'), PROGRESS_INTERVAL_MS);
  try {
    await runLoad(
      {
        gatewayUrl: config.GATEWAY_URL,
        ratePerSecond: config.LOAD_RATE,
        durationMs: config.LOAD_DURATION_S * 1000,
        maxRequests: config.LOAD_MAX_REQUESTS,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        scenarioNames: catalog.map((scenario) => scenario.name),
      },
      createMix(scenarios, config.LOAD_SLOW_SHARE),
      stats,
      stop.signal,
    );
  } finally {
    clearInterval(progress);
  }
  console.log(formatSummary(stats.summary()));
  const { count, errors } = stats.totals();
  log.info({ count, errors }, 'load finished');
  // A run in which nothing succeeded points at a broken stack, not at a slow one.
  if (count > 0 && errors === count) process.exitCode = 1;
} catch (error) {
  console.error(`loadgen: ${(error as Error).message}`);
  process.exitCode = 1;
}

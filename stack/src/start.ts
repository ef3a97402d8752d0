/**
 * `npm start`: the whole stack on embedded defaults. PostgreSQL (embedded unless DATABASE_URL),
 * MongoDB (MONGO_URL, a real mongod, or the offline stand-in), migrations and seed on first run,
 * then the payment provider, subgraphs, gateway and Spotlight. Ctrl-C stops everything.
 */
import path from 'node:path';
import { seedSizeFromEnv } from '@trace-arcade/seed-data';
import { loadStackConfig } from './config.js';
import { provideDatabases, type ProvidedDatabases } from './databases.js';
import { REPO_ROOT } from './paths.js';
import { assertPortFree } from './ports.js';
import { ProcessGroup } from './processes.js';
import { seedStack } from './seed.js';
import { seedProgressBars } from './seed-progress.js';
import { spotlightDsn } from './spotlight-dsn.js';
import { startStack, type RunningStack } from './stack.js';

const started = Date.now();
const say = (line: string) => console.log(`[stack] ${line}`);
const printLine = (name: string, line: string) => console.log(`[${name}] ${line}`);

let config: ReturnType<typeof loadStackConfig>;
let size: ReturnType<typeof seedSizeFromEnv>;
try {
  config = loadStackConfig();
  size = seedSizeFromEnv();
} catch (error) {
  console.error(`[stack] ${(error as Error).message}`);
  process.exit(1);
}

let provided: ProvidedDatabases | undefined;
let stack: RunningStack | undefined;
let shuttingDown = false;
const infrastructure = new ProcessGroup(printLine, (name, code) => {
  if (shuttingDown) return;
  say(`${name} exited unexpectedly (code ${code}); stopping`);
  void shutdown(1);
});

async function shutdown(exitCode: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    say('stopping');
    await stack?.stop();
    await infrastructure.stopAll();
    await provided?.stop();
    say('stopped');
  }
  process.exit(exitCode);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

try {
  const ports = {
    gateway: config.GATEWAY_PORT,
    users: config.USERS_PORT,
    game: config.GAME_PORT,
    analytics: config.ANALYTICS_PORT,
    paymentProvider: config.PAYMENT_PROVIDER_PORT,
  };
  const variables = {
    gateway: 'GATEWAY_PORT',
    users: 'USERS_PORT',
    game: 'GAME_PORT',
    analytics: 'ANALYTICS_PORT',
    paymentProvider: 'PAYMENT_PROVIDER_PORT',
  };
  for (const [name, port] of Object.entries(ports)) await assertPortFree(port, name, variables[name as keyof typeof variables]);
  const useSpotlight = config.SPOTLIGHT && !config.SENTRY_DSN;
  if (useSpotlight) await assertPortFree(config.SPOTLIGHT_PORT, 'Spotlight', 'SPOTLIGHT_PORT');

  provided = await provideDatabases(config, path.resolve(REPO_ROOT, config.DATA_DIR), infrastructure, say);
  say(`seeding: ${size.players} players, ${size.rounds} rounds (kept when already there)`);
  const bars = seedProgressBars();
  await seedStack({ databases: provided.databases, size, progress: bars.progress, log: printLine });
  bars.stop();

  if (useSpotlight) {
    infrastructure.start({
      name: 'spotlight',
      command: process.execPath,
      args: [path.join(REPO_ROOT, 'stack/dist/spotlight-sidecar.js'), String(config.SPOTLIGHT_PORT)],
      cwd: REPO_ROOT,
      env: process.env,
    });
  }
  stack = await startStack({
    ports,
    databases: provided.databases,
    // Without a DSN the SDK sends no trace headers, and each service would report a trace of its
    // own. The sidecar accepts envelopes on Sentry's own endpoint, so it serves as the DSN.
    sharedEnv: useSpotlight ? { SENTRY_DSN: spotlightDsn(config.SPOTLIGHT_PORT) } : {},
    sink: printLine,
  });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const traces = useSpotlight
    ? `http://localhost:${config.SPOTLIGHT_PORT}`
    : config.SENTRY_DSN
      ? 'your Sentry project (SENTRY_DSN)'
      : 'off (SPOTLIGHT=false and no SENTRY_DSN)';
  console.log(`
  Trace Arcade is ready (${seconds} s)
    GraphQL gateway   ${stack.gatewayUrl}/graphql
    Readiness         ${stack.gatewayUrl}/health/ready
    Scenarios         ${stack.gatewayUrl}/scenarios
    Traces            ${traces}
  Press Ctrl-C to stop.
`);
} catch (error) {
  say(`start failed: ${(error as Error).message}`);
  await shutdown(1);
}

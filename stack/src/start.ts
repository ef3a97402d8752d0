/**
 * `npm start`: the whole stack on embedded defaults. PostgreSQL (embedded unless DATABASE_URL),
 * MongoDB (MONGO_URL, a real mongod, or the offline stand-in), migrations and seed on first run,
 * then the payment provider, subgraphs, gateway and Spotlight. Ctrl-C stops everything.
 */
import path from 'node:path';
import { seedSizeFromEnv } from '@trace-arcade/seed-data';
import cliProgress from 'cli-progress';
import { loadStackConfig } from './config.js';
import { startEmbeddedPostgres, type PostgresServer } from './embedded-postgres.js';
import { provideMongo, type ProvidedMongo } from './mongo.js';
import { REPO_ROOT } from './paths.js';
import { assertPortFree } from './ports.js';
import { databaseUrl, ensureDatabases } from './postgres-databases.js';
import { ProcessGroup } from './processes.js';
import { seedStack } from './seed.js';
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

const dataDir = path.resolve(REPO_ROOT, config.DATA_DIR);
const infrastructure = new ProcessGroup(printLine, (name, code) => {
  if (shuttingDown) return;
  say(`${name} exited unexpectedly (code ${code}); stopping`);
  void shutdown(1);
});
let postgres: PostgresServer | undefined;
let mongo: ProvidedMongo | undefined;
let stack: RunningStack | undefined;
let shuttingDown = false;

async function shutdown(exitCode: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    say('stopping');
    await stack?.stop();
    await infrastructure.stopAll();
    await mongo?.stop();
    await postgres?.stop();
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

  let serverUrl = config.DATABASE_URL;
  if (!serverUrl) {
    await assertPortFree(config.POSTGRES_PORT, 'embedded PostgreSQL', 'POSTGRES_PORT');
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: config.POSTGRES_PORT, onLog: () => undefined });
    serverUrl = postgres.url;
    say(`PostgreSQL (embedded) on 127.0.0.1:${config.POSTGRES_PORT}, data in ${path.join(dataDir, 'postgres')}`);
  }
  await ensureDatabases(serverUrl, ['trace_arcade_users', 'trace_arcade_game']);

  if (!config.MONGO_URL && config.MONGO_SERVER !== 'auto') await assertPortFree(config.MONGO_PORT, 'MongoDB', 'MONGO_PORT');
  mongo = await provideMongo(
    { url: config.MONGO_URL, server: config.MONGO_SERVER, port: config.MONGO_PORT, dataDir: path.join(dataDir, 'mongo') },
    infrastructure,
    say,
  );
  say(`MongoDB (${mongo.source}) at ${mongo.source === 'url' ? 'MONGO_URL' : mongo.url}`);

  const databases = {
    usersDatabaseUrl: databaseUrl(serverUrl, 'trace_arcade_users'),
    gameDatabaseUrl: databaseUrl(serverUrl, 'trace_arcade_game'),
    mongoUrl: mongo.url,
    mongoDatabase: 'trace_arcade_analytics',
  };

  const bars = new cliProgress.MultiBar(
    { format: '  seed {service} [{bar}] {percentage}% {value}/{total}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  const barByService = new Map<string, cliProgress.SingleBar>();
  say(`seeding: ${size.players} players, ${size.rounds} rounds (kept when already there)`);
  await seedStack({
    databases,
    size,
    progress: (service, done, total) => {
      let bar = barByService.get(service);
      if (!bar) barByService.set(service, (bar = bars.create(total, 0, { service: service.padEnd(9) })));
      bar.setTotal(total);
      bar.update(done);
    },
    log: printLine,
  });
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
    databases,
    sharedEnv: useSpotlight ? { SENTRY_SPOTLIGHT: `http://localhost:${config.SPOTLIGHT_PORT}/stream` } : {},
    sink: printLine,
  });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  Trace Arcade is ready (${seconds} s)
    GraphQL gateway   ${stack.gatewayUrl}/graphql
    Readiness         ${stack.gatewayUrl}/health/ready
    Traces            ${useSpotlight ? `http://localhost:${config.SPOTLIGHT_PORT}` : config.SENTRY_DSN ? 'your Sentry project (SENTRY_DSN)' : 'off (SPOTLIGHT=false and no SENTRY_DSN)'}
  Press Ctrl-C to stop.
`);
} catch (error) {
  say(`start failed: ${(error as Error).message}`);
  await shutdown(1);
}

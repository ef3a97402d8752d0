/**
 * `npm start`: the whole stack on embedded defaults. PostgreSQL (embedded unless DATABASE_URL),
 * MongoDB (MONGO_URL, a real mongod, or the offline stand-in), migrations and seed on first run
 * (a later start finds the data set and skips seeding, see seed-state.ts),
 * then the payment provider, subgraphs, gateway and Spotlight (and Jaeger with TRACES_BACKEND=jaeger).
 * Ctrl-C stops everything.
 */
import path from 'node:path';
import { seedSizeFromEnv } from '@trace-arcade/seed-data';
import { loadStackConfig } from './config.js';
import { provideDatabases, type ProvidedDatabases } from './databases.js';
import { childLineFormatter, chooseLogFormat } from './log-format.js';
import { findOrBuildJaeger, jaegerOtlpEnvironment, jaegerProcess, jaegerQueryUrl } from './jaeger.js';
import { REPO_ROOT } from './paths.js';
import { assertPortFree } from './ports.js';
import { ProcessGroup } from './processes.js';
import { seedStack } from './seed.js';
import { gatherSeedEvidence, readSeedRecord, seedRecord, servicesToSeed, writeSeedRecord } from './seed-state.js';
import { seedProgressBars } from './seed-progress.js';
import { spotlightDsn } from './spotlight-dsn.js';
import { spotlightProcess } from './spotlight-process.js';
import { startStack, type RunningStack } from './stack.js';
import { waitForHttpOk } from './readiness.js';
import { webPanelOrigins, webPanelProcess } from './web-panel.js';
import { watchWorkshopFiles } from './workshop-watcher.js';

/** V8 flags of the five services under `npm start`. */
const SERVICE_NODE_OPTIONS = '--max-semi-space-size=2';

const startedAt = Date.now();
const say = (line: string) => console.log(`[stack] ${line}`);

let config: ReturnType<typeof loadStackConfig>;
let size: ReturnType<typeof seedSizeFromEnv>;
try {
  config = loadStackConfig();
  size = seedSizeFromEnv();
} catch (error) {
  console.error(`[stack] ${(error as Error).message}`);
  process.exit(1);
}
const onTerminal = process.stdout.isTTY === true;
const formatChildLine = childLineFormatter(
  chooseLogFormat(config.LOG_FORMAT, onTerminal),
  onTerminal,
  /--inspect/.test(process.env['NODE_OPTIONS'] ?? ''),
);
const printLine = (name: string, line: string) => {
  const formatted = formatChildLine(name, line);
  if (formatted !== undefined) console.log(formatted);
};

let provided: ProvidedDatabases | undefined;
let stack: RunningStack | undefined;
let stopping: Promise<never> | undefined;
let started = false;
let stopWatchingWorkshop: (() => void) | undefined;
// Spotlight, the panel and the MongoDB stand-in. One that dies while the stack starts fails the
// start; once it has started, it is started again (ProcessGroup.supervise).
const infrastructure = new ProcessGroup(printLine, (name, code) => {
  if (stopping || started) return;
  say(`${name} exited unexpectedly (code ${code}) while the stack was starting; stopping`);
  void shutdown(1);
});

/**
 * Stops in order: the gateway drains, then the subgraphs, then the payment provider (stack.stop),
 * then Spotlight, the panel and MongoDB, then PostgreSQL. Once: a second signal (a terminal sends
 * one to the whole process group, a process manager may repeat it) does not cut the drain short.
 */
function shutdown(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    // Whatever exits from now on is part of the stop, not a crash to recover from.
    stopWatchingWorkshop?.();
    stack?.processes.stopSupervising();
    infrastructure.stopSupervising();
    provided?.stopSupervising();
    say('stopping: the gateway drains the requests in flight, then the services, then the databases stop');
    await stack?.stop();
    await infrastructure.stopAll();
    await provided?.stop();
    say('stopped');
    process.exit(exitCode);
  })();
  return stopping;
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

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
  await assertPortFree(config.WEB_PORT, 'the debug panel', 'WEB_PORT');
  const useSpotlight = config.SPOTLIGHT && !config.SENTRY_DSN;
  if (useSpotlight) await assertPortFree(config.SPOTLIGHT_PORT, 'Spotlight', 'SPOTLIGHT_PORT');
  const spotlightUrl = useSpotlight ? `http://localhost:${config.SPOTLIGHT_PORT}` : undefined;
  const jaegerPorts =
    config.TRACES_BACKEND === 'jaeger'
      ? {
          otlpHttp: config.JAEGER_OTLP_HTTP_PORT,
          otlpGrpc: config.JAEGER_OTLP_GRPC_PORT,
          query: config.JAEGER_QUERY_PORT,
          queryGrpc: config.JAEGER_QUERY_GRPC_PORT,
        }
      : undefined;
  if (jaegerPorts) {
    // The spans Jaeger receives are the ones the Sentry SDK records, which needs somewhere to send them.
    if (!useSpotlight && !config.SENTRY_DSN) throw new Error('TRACES_BACKEND=jaeger needs Spotlight (SPOTLIGHT=true) or SENTRY_DSN');
    await assertPortFree(jaegerPorts.otlpHttp, 'Jaeger (OTLP over HTTP)', 'JAEGER_OTLP_HTTP_PORT');
    await assertPortFree(jaegerPorts.otlpGrpc, 'Jaeger (OTLP over gRPC)', 'JAEGER_OTLP_GRPC_PORT');
    await assertPortFree(jaegerPorts.query, "Jaeger's query API", 'JAEGER_QUERY_PORT');
    await assertPortFree(jaegerPorts.queryGrpc, "Jaeger's gRPC query API", 'JAEGER_QUERY_GRPC_PORT');
    infrastructure.start(jaegerProcess(await findOrBuildJaeger(say), jaegerPorts));
    await waitForHttpOk(`${jaegerQueryUrl(jaegerPorts)}/api/services`, 30_000);
  }
  const panelUrl = `http://localhost:${config.WEB_PORT}`;

  // Spotlight and the panel need no database: they start while the databases do.
  if (useSpotlight) {
    infrastructure.start(spotlightProcess(config.SPOTLIGHT_PORT));
  }
  // Without a DSN the SDK sends no trace headers, and each service would report a trace of its
  // own. The sidecar accepts envelopes on Sentry's own endpoint, so it serves as the DSN.
  const dsn = useSpotlight ? spotlightDsn(config.SPOTLIGHT_PORT) : config.SENTRY_DSN;
  infrastructure.start(
    webPanelProcess({
      port: config.WEB_PORT,
      gatewayUrl: `http://localhost:${config.GATEWAY_PORT}`,
      spotlightUrl,
      sentryDsn: dsn,
      sentryOrgUrl: config.SENTRY_ORG_URL,
    }),
  );
  const dataDir = path.resolve(REPO_ROOT, config.DATA_DIR);
  provided = await provideDatabases(config, dataDir, infrastructure, say);
  // A data set seeded by an earlier start on these databases, and still there, is not seeded again.
  const target = {
    databases: provided.databases,
    mongoSource: provided.mongoSource,
    mongoDataDir: provided.mongoDataDir,
    standInPersistent: provided.standInPersistent,
  };
  const expected = seedRecord(target, size);
  const pending = servicesToSeed(await readSeedRecord(dataDir), expected, await gatherSeedEvidence(target), size);
  const launch = () =>
    startStack({
      ports,
      databases: provided!.databases,
      sharedEnv: {
        ...(useSpotlight ? { SENTRY_DSN: dsn } : {}),
        ...(jaegerPorts ? jaegerOtlpEnvironment(jaegerPorts) : {}),
        // V8's young generation capped at 2 MiB per semi-space (default 16): each service then holds
        // about 20-40 MiB less after warm-up (npm run bench:footprint); more, shorter scavenges instead.
        NODE_OPTIONS: [process.env['NODE_OPTIONS'], SERVICE_NODE_OPTIONS].filter(Boolean).join(' '),
        CORS_ORIGINS: config.CORS_ORIGINS ?? webPanelOrigins(config.WEB_PORT),
      },
      sink: printLine,
    });
  let dataLine: string;
  const seedStarted = Date.now();
  const seeded = () => `${size.players} players, ${size.rounds} rounds, seeded now (${((Date.now() - seedStarted) / 1000).toFixed(1)} s)`;
  if (pending.length === 0) {
    dataLine = `${size.players} players, ${size.rounds} rounds, seeded by an earlier start (not seeded again; npm run seed checks it)`;
    say(`seeding skipped: ${size.players} players and ${size.rounds} rounds are already there`);
    stack = await launch();
  } else if (pending.every((service) => service === 'analytics')) {
    // Only the analytics documents (the stand-in in memory starts empty): no migration runs, so the
    // services start meanwhile, and "ready" waits for both.
    say(`seeding analytics again while the services start: ${size.rounds} rounds (PostgreSQL's data is kept)`);
    const seeding = seedStack({ databases: provided.databases, size, progress: () => undefined, log: printLine, services: pending });
    const [seedDone, stackDone] = await Promise.allSettled([seeding, launch()]);
    if (stackDone.status === 'fulfilled') stack = stackDone.value;
    if (seedDone.status === 'rejected') throw seedDone.reason;
    if (stackDone.status === 'rejected') throw stackDone.reason;
    await writeSeedRecord(dataDir, expected);
    dataLine = `${seeded()}: analytics only, PostgreSQL kept from an earlier start`;
  } else {
    say(`seeding ${pending.join(', ')}: ${size.players} players, ${size.rounds} rounds (kept when already there)`);
    const bars = seedProgressBars();
    await seedStack({ databases: provided.databases, size, progress: bars.progress, log: printLine, services: pending });
    bars.stop();
    await writeSeedRecord(dataDir, expected);
    dataLine = seeded();
    stack = await launch();
  }
  await waitForHttpOk(`http://127.0.0.1:${config.WEB_PORT}/config.json`, 30_000);

  const gatewayUrl = stack!.gatewayUrl;
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  started = true;
  infrastructure.supervise({ notice: say });
  provided.supervise(say);
  const services = stack!.processes;
  stopWatchingWorkshop = watchWorkshopFiles({
    restart: async (service) => {
      services.start((await services.stop(service)).spec);
    },
    say,
  });
  const traces = spotlightUrl
    ? spotlightUrl
    : config.SENTRY_DSN
      ? 'your Sentry project (SENTRY_DSN)'
      : 'off (SPOTLIGHT=false and no SENTRY_DSN)';
  console.log(`
  Trace Arcade is ready (${seconds} s)
    Debug panel       ${panelUrl}
    GraphQL gateway   ${gatewayUrl}/graphql
    Readiness         ${gatewayUrl}/health/ready
    Scenarios         ${gatewayUrl}/scenarios
    Traces            ${traces}${jaegerPorts ? `\n    Jaeger            ${jaegerQueryUrl(jaegerPorts)} (query API: /api/traces/<trace id>)` : ''}
    Data              ${dataLine}
    Workshop          npm run workshop -- check <scenario> (docs/workshop.md)
  Press Ctrl-C to stop.
`);
} catch (error) {
  say(`start failed: ${(error as Error).message}`);
  await shutdown(1);
}

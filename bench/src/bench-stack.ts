/**
 * The stack a benchmark run measures, on database servers of its own: an embedded PostgreSQL (or
 * DATABASE_URL) and MongoDB (MONGO_URL, a real mongod, or the offline stand-in) on free ports,
 * with their data in a temporary folder that `stop` removes. Each stack gets freshly seeded
 * databases on those servers and runs with every scenario fixed by default.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SeedSize } from '@trace-arcade/seed-data';
import {
  databaseUrl,
  ensureDatabases,
  freePort,
  freeStackPorts,
  loadStackConfig,
  ProcessGroup,
  provideMongo,
  seedStack,
  startEmbeddedPostgres,
  startStack,
  type LineSink,
  type PostgresServer,
  type ProvidedMongo,
  type RunningStack,
  type StackDatabases,
} from '@trace-arcade/stack';
import { ALL_FIXED } from './sampling-settings.js';

/** The names of one stack's databases: two on PostgreSQL, one on MongoDB. */
export interface BenchDatabaseNames {
  users: string;
  game: string;
  analytics: string;
}

/** What a stack's services get besides their ports and databases. */
export interface BenchStackEnvironment {
  /** The payment provider's deliberate delay. */
  paymentLatencyMs: number;
  /** SENTRY_DSN, SENTRY_SPOTLIGHT and SENTRY_TRACES_SAMPLE_RATE. */
  tracing: NodeJS.ProcessEnv;
}

export interface BenchServers {
  /** Where MongoDB comes from: `url`, `mongod` or `standin`. */
  mongoSource: ProvidedMongo['source'];
  /** Creates the databases (when missing) and seeds them with the deterministic data set of `size`. */
  seed(names: BenchDatabaseNames, size: SeedSize): Promise<StackDatabases>;
  /** Starts the services on free ports and waits until the gateway is ready. */
  startStack(databases: StackDatabases, environment: BenchStackEnvironment): Promise<RunningStack>;
  /** Stops MongoDB, then PostgreSQL, and removes their data. */
  stop(): Promise<void>;
}

/**
 * Starts the database servers, their data in a fresh folder named after `run`. `say` gets what
 * the servers report on start-up; `log` gets every line of every process (servers, seeds, services).
 */
export async function startBenchServers(run: string, say: (line: string) => void, log: LineSink): Promise<BenchServers> {
  const config = loadStackConfig({ ...process.env, POSTGRES_PORT: String(await freePort()), MONGO_PORT: String(await freePort()) });
  const dataDir = await mkdtemp(path.join(tmpdir(), `trace-arcade-${run}-`));
  const processes = new ProcessGroup(log, () => undefined);
  let postgres: PostgresServer | undefined;
  let mongo: ProvidedMongo | undefined;
  const stop = async () => {
    await processes.stopAll();
    await mongo?.stop();
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    if (!config.DATABASE_URL) {
      postgres = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port: config.POSTGRES_PORT,
        onLog: () => undefined,
        notice: say,
      });
    }
    mongo = await provideMongo(
      { url: config.MONGO_URL, server: config.MONGO_SERVER, port: config.MONGO_PORT, dataDir: path.join(dataDir, 'mongo') },
      processes,
      say,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const postgresUrl = config.DATABASE_URL ?? postgres!.url;
  const mongoUrl = mongo.url;
  return {
    mongoSource: mongo.source,
    seed: async (names, size) => {
      await ensureDatabases(postgresUrl, [names.users, names.game]);
      const databases = {
        usersDatabaseUrl: databaseUrl(postgresUrl, names.users),
        gameDatabaseUrl: databaseUrl(postgresUrl, names.game),
        mongoUrl,
        mongoDatabase: names.analytics,
      };
      await seedStack({ databases, size, progress: () => undefined, log });
      return databases;
    },
    startStack: async (databases, { paymentLatencyMs, tracing }) =>
      startStack({
        ports: await freeStackPorts(),
        databases,
        // Every scenario fixed unless a request asks otherwise: a fixed request of one scenario (a bet,
        // say) must not run another's slow variant (the prime-searching RNG) by default.
        sharedEnv: { LOG_LEVEL: 'warn', PAYMENT_LATENCY_MS: String(paymentLatencyMs), SCENARIO_DEFAULTS: ALL_FIXED, ...tracing },
        sink: log,
      }),
    stop,
  };
}

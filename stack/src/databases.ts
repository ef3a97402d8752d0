import path from 'node:path';
import { startEmbeddedPostgres, type PostgresServer } from './embedded-postgres.js';
import { provideMongo, type ProvidedMongo } from './mongo.js';
import { assertPortFree } from './ports.js';
import { databaseUrl, ensureDatabases } from './postgres-databases.js';
import type { ProcessGroup } from './processes.js';
import type { StackDatabases } from './services.js';
import type { StackConfig } from './config.js';

export interface ProvidedDatabases {
  databases: StackDatabases;
  mongoSource: ProvidedMongo['source'];
  /** The folder of the started MongoDB (stand-in or mongod), where its data is kept. */
  mongoDataDir: string;
  /** The stand-in keeps its data in mongoDataDir rather than in memory. */
  standInPersistent: boolean;
  /** From now on an embedded PostgreSQL that dies is started again (the MongoDB stand-in is a child of the stack's ProcessGroup). */
  supervise(notice: (line: string) => void): void;
  stopSupervising(): void;
  stop(): Promise<void>;
}

/**
 * PostgreSQL (DATABASE_URL, or an embedded server with its data in DATA_DIR) with one database
 * per service, and MongoDB (MONGO_URL, a real mongod, or the offline stand-in).
 */
export async function provideDatabases(
  config: StackConfig,
  dataDir: string,
  processes: ProcessGroup,
  say: (line: string) => void,
): Promise<ProvidedDatabases> {
  let postgres: PostgresServer | undefined;
  let mongo: ProvidedMongo | undefined;
  const stop = async () => {
    await mongo?.stop();
    await postgres?.stop();
  };
  try {
    // Both servers start at once: neither needs the other, and each takes a second or more.
    const startPostgres = async (): Promise<string> => {
      let serverUrl = config.DATABASE_URL;
      if (!serverUrl) {
        await assertPortFree(config.POSTGRES_PORT, 'embedded PostgreSQL', 'POSTGRES_PORT');
        postgres = await startEmbeddedPostgres({
          dataDir: path.join(dataDir, 'postgres'),
          port: config.POSTGRES_PORT,
          onLog: () => undefined,
          notice: say,
        });
        serverUrl = postgres.url;
        say(`PostgreSQL (embedded) on 127.0.0.1:${config.POSTGRES_PORT}, data in ${postgres.dataDir}`);
      }
      await ensureDatabases(serverUrl, ['trace_arcade_users', 'trace_arcade_game']);
      return serverUrl;
    };
    const mongoDataDir = path.join(dataDir, 'mongo');
    const startMongo = async (): Promise<ProvidedMongo> => {
      if (!config.MONGO_URL) await assertPortFree(config.MONGO_PORT, 'MongoDB', 'MONGO_PORT');
      mongo = await provideMongo(
        {
          url: config.MONGO_URL,
          server: config.MONGO_SERVER,
          port: config.MONGO_PORT,
          dataDir: mongoDataDir,
          standInPersistent: config.MONGO_STANDIN_PERSIST,
        },
        processes,
        say,
      );
      say(`MongoDB (${mongo.source}) ${mongo.source === 'url' ? 'from MONGO_URL' : `on ${mongo.url}`}`);
      return mongo;
    };
    const [postgresStarted, mongoStarted] = await Promise.allSettled([startPostgres(), startMongo()]);
    if (postgresStarted.status === 'rejected') throw postgresStarted.reason;
    if (mongoStarted.status === 'rejected') throw mongoStarted.reason;
    const serverUrl = postgresStarted.value;
    mongo = mongoStarted.value;
    return {
      databases: {
        usersDatabaseUrl: databaseUrl(serverUrl, 'trace_arcade_users'),
        gameDatabaseUrl: databaseUrl(serverUrl, 'trace_arcade_game'),
        mongoUrl: mongo.url,
        mongoDatabase: 'trace_arcade_analytics',
      },
      mongoSource: mongo.source,
      mongoDataDir,
      standInPersistent: config.MONGO_STANDIN_PERSIST,
      supervise: (notice) => postgres?.supervise(notice),
      stopSupervising: () => postgres?.stopSupervising(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

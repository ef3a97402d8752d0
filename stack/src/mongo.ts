import { mkdir } from 'node:fs/promises';
import { MongoMemoryServer } from 'mongodb-memory-server-core';
import { startMongoStandIn } from './mongo-standin.js';
import type { ProcessGroup } from './processes.js';

export type MongoSource = 'url' | 'mongod' | 'standin';

export interface ProvidedMongo {
  url: string;
  source: MongoSource;
  stop(): Promise<void>;
}

export interface MongoChoice {
  /** A running MongoDB to use as it is. */
  url: string | undefined;
  /** `auto` tries a real mongod (mongodb-memory-server) and falls back to the stand-in. */
  server: 'auto' | 'mongod' | 'standin';
  port: number;
  dataDir: string;
}

async function startMongod(port: number, dataDir: string): Promise<ProvidedMongo> {
  await mkdir(dataDir, { recursive: true });
  const server = await MongoMemoryServer.create({ instance: { ip: '127.0.0.1', port, dbPath: dataDir, storageEngine: 'wiredTiger' } });
  return { url: `mongodb://127.0.0.1:${port}`, source: 'mongod', stop: async () => void (await server.stop({ doCleanup: false })) };
}

/** Provides the MongoDB the analytics subgraph uses: the given URL, a real mongod, or the offline stand-in. */
export async function provideMongo(choice: MongoChoice, processes: ProcessGroup, log: (line: string) => void): Promise<ProvidedMongo> {
  if (choice.url) return { url: choice.url, source: 'url', stop: async () => undefined };
  if (choice.server !== 'standin') {
    try {
      return await startMongod(choice.port, choice.dataDir);
    } catch (error) {
      if (choice.server === 'mongod') throw new Error(`mongod could not start: ${(error as Error).message}`, { cause: error });
      log(`mongod is not available (${(error as Error).message.split('\n')[0]}); falling back to the stand-in`);
    }
  }
  log(
    'WARNING: MongoDB is the in-memory wire-protocol stand-in. Indexes are accepted but never used, so index effects are NOT real; data is lost when it stops.',
  );
  const url = await startMongoStandIn(processes, choice.port, log);
  return { url, source: 'standin', stop: async () => undefined };
}

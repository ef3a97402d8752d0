import { mkdir } from 'node:fs/promises';
import { errors, MongoBinary, MongoMemoryServer } from 'mongodb-memory-server-core';
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
  /**
   * The stand-in keeps its data in `dataDir` (H2 backend) instead of memory. Off by default: on the
   * default data set the H2 backend is far slower (see BENCHMARKS.md), so memory plus a fresh seed
   * of the analytics documents on each start is the faster choice.
   */
  standInPersistent?: boolean;
}

/** Why a real mongod is not there, in one line: what failed and the cause, never a stack trace. */
export class MongodUnavailable extends Error {
  constructor(
    /** `could not be downloaded (getaddrinfo ENOTFOUND fastdl.mongodb.org)`, `could not start (…)`. */
    readonly what: string,
    options: { cause: unknown },
  ) {
    super(`mongod ${what}`, options);
  }
}

/** The first line of an error's message; a download error's cause (`msg`) rather than its URL preamble. */
function reason(error: unknown): string {
  if (error instanceof errors.DownloadError) return error.msg.split('\n')[0]!.trim();
  return String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .trim();
}

/** The warning mongodb-memory-server prints, stack trace included, before it throws a start failure. */
const LIBRARY_START_WARNING = 'Starting the MongoMemoryServer Instance failed';

/**
 * Runs `work` with mongodb-memory-server's own start-failure warning (the error with its stack, on
 * `console.warn`) held back: the caller reports the failure in one line instead. Other warnings pass.
 */
async function withoutLibraryStartWarning<T>(work: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(LIBRARY_START_WARNING)) return;
    warn(...args);
  };
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}

async function startMongod(port: number, dataDir: string): Promise<ProvidedMongo> {
  await mkdir(dataDir, { recursive: true });
  // The binary first (found in the cache, or downloaded on first use), so that a failed download is
  // told apart from a mongod that does not start.
  try {
    await MongoBinary.getPath();
  } catch (error) {
    throw new MongodUnavailable(`could not be downloaded (${reason(error)})`, { cause: error });
  }
  try {
    const server = await withoutLibraryStartWarning(() =>
      MongoMemoryServer.create({ instance: { ip: '127.0.0.1', port, dbPath: dataDir, storageEngine: 'wiredTiger' } }),
    );
    return { url: `mongodb://127.0.0.1:${port}`, source: 'mongod', stop: async () => void (await server.stop({ doCleanup: false })) };
  } catch (error) {
    throw new MongodUnavailable(`could not start (${reason(error)})`, { cause: error });
  }
}

/** What the stand-in is not: said loudly whenever it is used. */
function standInWarning(choice: MongoChoice): string {
  const data = choice.standInPersistent
    ? `its data is kept in ${choice.dataDir}`
    : 'its data lives in memory, so each start seeds the analytics documents again (MONGO_STANDIN_PERSIST=true keeps them on disk)';
  return `indexes are accepted but never used, so index effects are NOT real; ${data}`;
}

async function standIn(choice: MongoChoice, processes: ProcessGroup, log: (line: string) => void): Promise<ProvidedMongo> {
  const url = await startMongoStandIn(processes, choice.port, log, choice.standInPersistent ? choice.dataDir : undefined);
  return { url, source: 'standin', stop: async () => undefined };
}

/** Provides the MongoDB the analytics subgraph uses: the given URL, a real mongod, or the offline stand-in. */
export async function provideMongo(choice: MongoChoice, processes: ProcessGroup, log: (line: string) => void): Promise<ProvidedMongo> {
  if (choice.url) return { url: choice.url, source: 'url', stop: async () => undefined };
  if (choice.server !== 'standin') {
    try {
      return await startMongod(choice.port, choice.dataDir);
    } catch (error) {
      const unavailable =
        error instanceof MongodUnavailable ? error : new MongodUnavailable(`could not start (${reason(error)})`, { cause: error });
      if (choice.server === 'mongod') throw unavailable;
      // One line: what happened and what is used instead.
      log(`${unavailable.message}; using the MongoDB stand-in instead (WARNING: ${standInWarning(choice)})`);
      return standIn(choice, processes, log);
    }
  }
  log(`WARNING: MongoDB is the wire-protocol stand-in: ${standInWarning(choice)}.`);
  return standIn(choice, processes, log);
}

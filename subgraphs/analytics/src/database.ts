import { countMongoCommand, dependencyFailure } from '@trace-arcade/service-runtime';
import { MongoClient, MongoError, type Collection, type Db } from 'mongodb';

/** How errors name this dependency to clients, logs and Sentry. */
export const ANALYTICS_DATABASE = 'analytics database';

/**
 * How long the driver waits before an operation fails, so that a request fails within seconds
 * while MongoDB is down or stalled rather than after the driver's defaults (30 s to select a
 * server or connect, no limit on an answer).
 */
export const MONGO_TIMEOUTS = {
  /** To find a server to send an operation to: while MongoDB is down, every operation fails after this. */
  serverSelectionTimeoutMS: 2000,
  /** To open a connection (TCP and handshake). */
  connectTimeoutMS: 2000,
  /**
   * For an answer on an open connection: a stalled server. Well above the longest single command of
   * the slow-aggregation scenario (0.6 s for the default 200,000 rounds on the stand-in).
   */
  socketTimeoutMS: 5000,
} as const;

/** One document per round played. `_id` is the round id, so recording a round twice keeps one document. */
export interface RoundDocument {
  _id: string;
  playerId: number;
  gameId: string;
  gameKind: string;
  betCents: number;
  payoutCents: number;
  playedAt: Date;
}

export interface AnalyticsDb {
  client: MongoClient;
  db: Db;
  rounds: Collection<RoundDocument>;
}

export function createDatabase(url: string, database: string, timeouts: { [K in keyof typeof MONGO_TIMEOUTS]?: number } = {}): AnalyticsDb {
  // No `serverApi`: the offline MongoDB stand-in answers only the legacy handshake.
  // The driver reconnects by itself once the server is back: the next operation (or readiness
  // check) has the monitor check the server at once instead of waiting for the next heartbeat.
  const client = new MongoClient(url, { ...MONGO_TIMEOUTS, ...timeouts, appName: 'trace-arcade-analytics', monitorCommands: true });
  // Counts each command for the request's `extensions.perf`.
  client.on('commandSucceeded', countMongoCommand);
  client.on('commandFailed', countMongoCommand);
  const db = client.db(database);
  return { client, db, rounds: db.collection<RoundDocument>('rounds') };
}

/**
 * The indexes the queries of `repositories/rounds.ts` rely on (the fixed twins' pipelines);
 * created at start-up, a no-op when present.
 */
export async function ensureIndexes(analytics: AnalyticsDb): Promise<void> {
  await analytics.rounds.createIndexes([
    { key: { gameId: 1, playedAt: 1 }, name: 'gameId_playedAt' },
    { key: { playerId: 1, gameId: 1 }, name: 'playerId_gameId' },
    { key: { playedAt: -1 }, name: 'playedAt_desc' },
  ]);
}

/**
 * A driver or server error (MongoError) becomes a coded error naming the analytics database:
 * UPSTREAM_UNAVAILABLE when MongoDB cannot be reached. Anything else (a coded answer, a bug)
 * passes through as it is.
 */
export function fromMongo(error: unknown): unknown {
  return error instanceof MongoError ? dependencyFailure(ANALYTICS_DATABASE, error) : error;
}

const DUPLICATE_KEY = 11000;

/** Inserts documents, keeping those already there: duplicate ids are not an error. */
export async function insertIgnoringDuplicates(rounds: Collection<RoundDocument>, documents: RoundDocument[]): Promise<number> {
  try {
    return (await rounds.insertMany(documents, { ordered: false })).insertedCount;
  } catch (error) {
    const writeErrors = (error as { writeErrors?: { code: number }[] | { code: number } }).writeErrors;
    const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
    if (errors.length === 0 || errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    return documents.length - errors.length;
  }
}

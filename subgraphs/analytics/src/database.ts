import { countMongoCommand } from '@trace-arcade/service-runtime';
import { MongoClient, type Collection, type Db } from 'mongodb';

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

export function createDatabase(url: string, database: string): AnalyticsDb {
  // No `serverApi`: the offline MongoDB stand-in answers only the legacy handshake.
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 2000, appName: 'trace-arcade-analytics', monitorCommands: true });
  // Counts each command for the request's `extensions.perf`.
  client.on('commandSucceeded', countMongoCommand);
  client.on('commandFailed', countMongoCommand);
  const db = client.db(database);
  return { client, db, rounds: db.collection<RoundDocument>('rounds') };
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

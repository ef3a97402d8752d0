/**
 * Whether a start needs to seed at all. `npm start` records what it seeded in DATA_DIR/seeded.json;
 * a later start that finds the same data set on the same databases, and the data still there, skips
 * the seed processes altogether. `npm run seed` always runs them (each tops up what is missing).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { GAME_CATALOG, SEED_DAYS, SEED_END, type SeedSize } from '@trace-arcade/seed-data';
import type { MongoSource } from './mongo.js';
import type { ServiceName, StackDatabases } from './services.js';

/** Format of seeded.json; a change makes every start seed again once. */
const RECORD_VERSION = 1;

/** The services whose data `npm start` seeds. */
export const SEEDED_SERVICES = ['game', 'users', 'analytics'] as const satisfies readonly ServiceName[];
export type SeededService = (typeof SEEDED_SERVICES)[number];

/** Where the data of one start lives, as far as seeding is concerned. */
export interface SeedTarget {
  databases: StackDatabases;
  mongoSource: MongoSource;
  /** The folder of the started MongoDB (stand-in or mongod); its data file tells whether it still holds the data. */
  mongoDataDir: string;
  /** Whether the stand-in keeps its data in that folder (MONGO_STANDIN_PERSIST) or in memory only. */
  standInPersistent: boolean;
}

export interface SeedRecord {
  version: number;
  /** The data set: its size, the game catalog and the span of the rounds. */
  dataSet: string;
  users: string;
  game: string;
  mongo: string;
  seededAt: string;
}

/** One hash of everything that makes the data set what it is. */
export function dataSetFingerprint(size: SeedSize): string {
  return createHash('sha256')
    .update(JSON.stringify({ size, catalog: GAME_CATALOG, end: SEED_END.toISOString(), days: SEED_DAYS }))
    .digest('hex');
}

/** A database URL without its password: what seeded.json keeps to recognise it. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

function mongoIdentity(target: SeedTarget): string {
  const source = target.mongoSource === 'standin' ? `standin-${target.standInPersistent ? 'file' : 'memory'}` : target.mongoSource;
  return `${source} ${withoutPassword(target.databases.mongoUrl)} ${target.databases.mongoDatabase}`;
}

export function seedRecord(target: SeedTarget, size: SeedSize, now = new Date()): SeedRecord {
  return {
    version: RECORD_VERSION,
    dataSet: dataSetFingerprint(size),
    users: withoutPassword(target.databases.usersDatabaseUrl),
    game: withoutPassword(target.databases.gameDatabaseUrl),
    mongo: mongoIdentity(target),
    seededAt: now.toISOString(),
  };
}

export function seedRecordPath(dataDir: string): string {
  return path.join(dataDir, 'seeded.json');
}

export async function readSeedRecord(dataDir: string): Promise<SeedRecord | undefined> {
  try {
    return JSON.parse(await readFile(seedRecordPath(dataDir), 'utf8')) as SeedRecord;
  } catch {
    return undefined;
  }
}

export async function writeSeedRecord(dataDir: string, record: SeedRecord): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(seedRecordPath(dataDir), `${JSON.stringify(record, null, 2)}\n`);
}

/** What is actually in the databases now; undefined where it cannot be told without the service's own driver. */
export interface SeedEvidence {
  /** Players and rounds in the users database (0 when its tables do not exist yet). */
  users: { players: number; rounds: number };
  /** Rows of the game catalog in the game database. */
  games: number;
  /**
   * Whether the started MongoDB's data file is there: false for the stand-in in memory, which starts
   * empty; undefined for MONGO_URL, where only the analytics seed can tell.
   */
  mongoDataPresent: boolean | undefined;
}

/**
 * Which services must be seeded: none when `record` says this data set was seeded on these very
 * databases and the evidence agrees (the rows are there, MongoDB's data file is there); every
 * service whose part does not match otherwise. A MongoDB from MONGO_URL is always handed to the
 * analytics seed, which counts the documents itself.
 */
export function servicesToSeed(
  record: SeedRecord | undefined,
  expected: SeedRecord,
  evidence: SeedEvidence,
  size: SeedSize,
): SeededService[] {
  if (!record || record.version !== expected.version || record.dataSet !== expected.dataSet) return [...SEEDED_SERVICES];
  const seeded: Record<SeededService, boolean> = {
    game: record.game === expected.game && evidence.games >= GAME_CATALOG.length,
    users: record.users === expected.users && evidence.users.players >= size.players && evidence.users.rounds >= size.rounds,
    analytics: record.mongo === expected.mongo && evidence.mongoDataPresent === true,
  };
  return SEEDED_SERVICES.filter((service) => !seeded[service]);
}

async function count(databaseUrl: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(sql);
    return Number(rows[0]?.count ?? 0);
  } catch {
    // The table is not there yet (a fresh database): nothing is seeded.
    return 0;
  } finally {
    await client.end();
  }
}

/** Looks at the databases: a few counts on PostgreSQL, and whether MongoDB's data file exists. */
export async function gatherSeedEvidence(target: SeedTarget): Promise<SeedEvidence> {
  const catalogIds = GAME_CATALOG.map((game) => `'${game.id.replace(/'/g, "''")}'`).join(', ');
  const [players, rounds, games] = await Promise.all([
    count(target.databases.usersDatabaseUrl, 'select count(*) from players'),
    count(target.databases.usersDatabaseUrl, 'select count(*) from rounds'),
    count(target.databases.gameDatabaseUrl, `select count(*) from games where id in (${catalogIds})`),
  ]);
  let mongoDataPresent: boolean | undefined;
  if (target.mongoSource === 'standin') {
    mongoDataPresent = target.standInPersistent && existsSync(path.join(target.mongoDataDir, 'standin.mv.db'));
  } else if (target.mongoSource === 'mongod') {
    mongoDataPresent = existsSync(path.join(target.mongoDataDir, 'WiredTiger'));
  }
  return { users: { players, rounds }, games, mongoDataPresent };
}

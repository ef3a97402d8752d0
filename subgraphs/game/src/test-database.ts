import { randomBytes } from 'node:crypto';
import { createLogger } from '@trace-arcade/service-runtime';
import { migrateToLatest } from '@trace-arcade/service-runtime/postgres-migrations';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDatabase, type GameDb } from './database.js';
import { migrationProvider } from './migrations/index.js';
import { seedGames } from './seed.js';

export const silentLog = createLogger('game-test');
silentLog.level = 'silent';

/**
 * For integration tests: a fresh game database on the test server (TEST_POSTGRES_URL, set by
 * `npm test`), migrated and holding the catalog; `url` to connect to it otherwise. `drop` ends it.
 */
export async function createTestDatabase(): Promise<{ db: GameDb; url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env['TEST_POSTGRES_URL'];
  if (!serverUrl) throw new Error('TEST_POSTGRES_URL is not set: run the tests with `npm test`, which starts the database');
  const name = `game_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString(), 12, silentLog);
  await migrateToLatest(db as unknown as Kysely<unknown>, migrationProvider, silentLog);
  await seedGames(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.destroy();
      await admin.query(`drop database "${name}" with (force)`);
      await admin.end();
    },
  };
}

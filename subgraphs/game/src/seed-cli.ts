/** Migrates the game database and writes the game catalog. */
import { createLogger } from '@trace-arcade/service-runtime';
import { preparePostgres } from '@trace-arcade/service-runtime/postgres-migrations';
import { reportSeedProgress } from '@trace-arcade/seed-data';
import { loadDatabaseConfig } from './config.js';
import { createDatabase } from './database.js';
import { migrationProvider } from './migrations/index.js';
import { seedGames } from './seed.js';

const log = createLogger('game-seed');

try {
  const config = loadDatabaseConfig();
  const db = createDatabase(config.DATABASE_URL, 2, log);
  try {
    await preparePostgres(db, { what: 'PostgreSQL (game database)', migrations: migrationProvider, log });
    await seedGames(db);
    reportSeedProgress(1, 1);
  } finally {
    await db.destroy();
  }
} catch (error) {
  console.error(`game seed: ${(error as Error).message}`);
  process.exitCode = 1;
}

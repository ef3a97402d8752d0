/** Migrates the users database and seeds it (SEED_PLAYERS, SEED_ROUNDS); a complete data set is left as it is. */
import { createLogger } from '@trace-arcade/service-runtime';
import { preparePostgres } from '@trace-arcade/service-runtime/postgres-migrations';
import { reportSeedProgress, seedSizeFromEnv } from '@trace-arcade/seed-data';
import { loadDatabaseConfig } from './config.js';
import { createDatabase } from './database.js';
import { migrationProvider } from './migrations/index.js';
import { countSeeded, seedUsers } from './seed.js';

const log = createLogger('users-seed');

try {
  const config = loadDatabaseConfig();
  const size = seedSizeFromEnv();
  const db = createDatabase(config.DATABASE_URL, 2, log);
  try {
    await preparePostgres(db, { what: 'PostgreSQL (users database)', migrations: migrationProvider, log });
    const present = await countSeeded(db);
    if (present.players >= size.players && present.rounds >= size.rounds) reportSeedProgress(1, 1);
    else await seedUsers(db, size, reportSeedProgress);
  } finally {
    await db.destroy();
  }
} catch (error) {
  console.error(`users seed: ${(error as Error).message}`);
  process.exitCode = 1;
}

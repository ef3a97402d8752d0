/** Seeds one analytics document per seeded round (SEED_PLAYERS, SEED_ROUNDS); a complete data set is left as it is. */
import { reportSeedProgress, seedSizeFromEnv } from '@trace-arcade/seed-data';
import { loadDatabaseConfig } from './config.js';
import { createDatabase, ensureIndexes } from './database.js';
import { seedAnalytics } from './seed.js';

try {
  const config = loadDatabaseConfig();
  const size = seedSizeFromEnv();
  // Seeding serves no request: a batch may take longer than a request may wait (5,000 documents with
  // their index entries on the stand-in's H2 backend, on a busy machine).
  const analytics = createDatabase(config.MONGO_URL, config.MONGO_DATABASE, { socketTimeoutMS: 120_000 });
  try {
    if ((await analytics.rounds.estimatedDocumentCount()) >= size.rounds) reportSeedProgress(1, 1);
    else {
      // The indexes first, while the collection is empty: added afterwards over 200,000 documents, the
      // stand-in's H2 backend (MONGO_STANDIN_PERSIST) walks every document for each index, for longer
      // than the driver's timeouts (the service's start-up then finds them there).
      await ensureIndexes(analytics);
      await seedAnalytics(analytics, size, reportSeedProgress);
    }
  } finally {
    await analytics.client.close();
  }
} catch (error) {
  console.error(`analytics seed: ${(error as Error).message}`);
  process.exitCode = 1;
}

/** Seeds one analytics document per seeded round (SEED_PLAYERS, SEED_ROUNDS); a complete data set is left as it is. */
import { reportSeedProgress, seedSizeFromEnv } from '@trace-arcade/seed-data';
import { loadServiceConfig } from './config.js';
import { createDatabase } from './database.js';
import { seedAnalytics } from './seed.js';

try {
  const config = loadServiceConfig();
  const size = seedSizeFromEnv();
  const analytics = createDatabase(config.MONGO_URL, config.MONGO_DATABASE);
  try {
    if ((await analytics.rounds.estimatedDocumentCount()) >= size.rounds) reportSeedProgress(1, 1);
    else await seedAnalytics(analytics, size, reportSeedProgress);
  } finally {
    await analytics.client.close();
  }
} catch (error) {
  console.error(`analytics seed: ${(error as Error).message}`);
  process.exitCode = 1;
}

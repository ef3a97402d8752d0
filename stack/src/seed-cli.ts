/**
 * `npm run seed`: the databases, migrations and the deterministic data set, without starting the
 * services. Unlike `npm start`, it always runs every service's seed, which adds whatever is missing.
 */
import path from 'node:path';
import { seedSizeFromEnv } from '@trace-arcade/seed-data';
import { loadStackConfig } from './config.js';
import { provideDatabases } from './databases.js';
import { REPO_ROOT } from './paths.js';
import { ProcessGroup } from './processes.js';
import { seedStack } from './seed.js';
import { seedRecord, writeSeedRecord } from './seed-state.js';
import { seedProgressBars } from './seed-progress.js';

const say = (line: string) => console.log(`[seed] ${line}`);
const processes = new ProcessGroup(
  (name, line) => console.log(`[${name}] ${line}`),
  () => undefined,
);
let exitCode = 0;
try {
  const config = loadStackConfig();
  const size = seedSizeFromEnv();
  const dataDir = path.resolve(REPO_ROOT, config.DATA_DIR);
  const provided = await provideDatabases(config, dataDir, processes, say);
  try {
    say(`seeding: ${size.players} players, ${size.rounds} rounds (kept when already there)`);
    const bars = seedProgressBars();
    await seedStack({
      databases: provided.databases,
      size,
      progress: bars.progress,
      log: (name, line) => console.log(`[${name}] ${line}`),
    });
    bars.stop();
    // What npm start looks for to skip seeding.
    await writeSeedRecord(
      dataDir,
      seedRecord(
        {
          databases: provided.databases,
          mongoSource: provided.mongoSource,
          mongoDataDir: provided.mongoDataDir,
          standInPersistent: provided.standInPersistent,
        },
        size,
      ),
    );
    say('done');
  } finally {
    await processes.stopAll();
    await provided.stop();
  }
} catch (error) {
  say(`failed: ${(error as Error).message}`);
  exitCode = 1;
}
process.exit(exitCode);

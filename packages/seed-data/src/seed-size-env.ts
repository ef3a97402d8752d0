import { wholeNumber } from './env-number.js';
import { DEFAULT_SEED_SIZE, type SeedSize } from './seed-size.js';

/** The data set size from SEED_PLAYERS and SEED_ROUNDS, with the defaults where unset. */
export function seedSizeFromEnv(env: NodeJS.ProcessEnv = process.env): SeedSize {
  return {
    players: wholeNumber(env, 'SEED_PLAYERS', DEFAULT_SEED_SIZE.players, 1, 1_000_000),
    rounds: wholeNumber(env, 'SEED_ROUNDS', DEFAULT_SEED_SIZE.rounds, 0, 10_000_000),
  };
}

/** Seed CLIs report progress as JSON lines that `npm run seed` turns into progress bars. */
export function reportSeedProgress(done: number, total: number): void {
  process.stdout.write(`${JSON.stringify({ seedProgress: { done, total } })}\n`);
}

import { DEFAULT_SEED_SIZE, type SeedSize } from './seed-size.js';

function wholeNumber(env: NodeJS.ProcessEnv, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${variable}: expected a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

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

export { inBatches } from './batches.js';
export { GAME_CATALOG, MAX_PAYOUT_MULTIPLIER, playedRoundProblem, type CatalogGame, type GameKind } from './game-catalog.js';
export { generatePlayers, type SeedPlayer } from './players.js';
export { SeededRandom } from './random.js';
export { generateRounds, type SeedRound } from './rounds.js';
export { DEFAULT_SEED_SIZE, SEED_DAYS, SEED_END, type SeedSize } from './seed-size.js';
export { reportSeedProgress, seedSizeFromEnv } from './seed-size-env.js';
export { wholeNumber } from './env-number.js';

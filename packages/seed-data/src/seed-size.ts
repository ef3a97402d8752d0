export interface SeedSize {
  players: number;
  rounds: number;
}

export const DEFAULT_SEED_SIZE: SeedSize = Object.freeze({ players: 1_000, rounds: 200_000 });

/** The seeded rounds span the 90 days before this instant, so the data set is the same on every run. */
export const SEED_END = new Date('2026-11-01T00:00:00.000Z');
export const SEED_DAYS = 90;

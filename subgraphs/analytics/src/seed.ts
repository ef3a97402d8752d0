import { generateRounds, inBatches, type SeedSize } from '@trace-arcade/seed-data';
import { insertIgnoringDuplicates, type AnalyticsDb } from './database.js';

/** Inserts one document per seeded round; documents already there are kept, so a re-run is harmless. */
export async function seedAnalytics(analytics: AnalyticsDb, size: SeedSize, progress: (done: number, total: number) => void) {
  let done = 0;
  for (const rounds of inBatches(generateRounds(size), 5000)) {
    await insertIgnoringDuplicates(
      analytics.rounds,
      rounds.map((r) => ({
        _id: r.id,
        playerId: r.playerId,
        gameId: r.gameId,
        gameKind: r.gameKind,
        betCents: r.betCents,
        payoutCents: r.payoutCents,
        playedAt: r.playedAt,
      })),
    );
    progress((done += rounds.length), size.rounds);
  }
}

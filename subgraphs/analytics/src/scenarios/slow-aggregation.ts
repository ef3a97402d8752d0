/**
 * Scenario `slow-aggregation`: the leaderboard and the daily statistics. Each slow path sits
 * above its fixed twin; both return the same rows (tested).
 */
import { runsSlowVariant } from '@trace-arcade/service-runtime';
import type { Collection } from 'mongodb';
import type { AnalyticsContext } from '../context.js';
import type { RoundDocument } from '../database.js';
import type { DailyStatRow, PlayerMetricsRow } from '../repositories/rounds.js';

/** Slow paths read as if the indexes did not exist: `$natural` order is a full collection scan. */
const COLLECTION_SCAN = { $natural: 1 } as const;
/** Documents per batch when pulling them into JavaScript. */
const BATCH = 5000;

/** The compound indexes the fixed paths rely on; created at start-up, a no-op when present. */
export async function ensureIndexes(rounds: Collection<RoundDocument>): Promise<void> {
  await rounds.createIndexes([
    { key: { gameId: 1, playedAt: 1 }, name: 'gameId_playedAt' },
    { key: { playerId: 1, gameId: 1 }, name: 'playerId_gameId' },
    { key: { playedAt: -1 }, name: 'playedAt_desc' },
  ]);
}

function compareFavourite(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** A player's metrics, computed in JavaScript from their documents. */
function metricsInJavaScript(playerId: number, documents: RoundDocument[]): PlayerMetricsRow {
  const perGame = new Map<string, number>();
  let wageredCents = 0;
  let paidOutCents = 0;
  let biggestWinCents = -Infinity;
  let lastPlayedAt: Date | null = null;
  for (const round of documents) {
    wageredCents += round.betCents;
    paidOutCents += round.payoutCents;
    biggestWinCents = Math.max(biggestWinCents, round.payoutCents - round.betCents);
    if (!lastPlayedAt || round.playedAt > lastPlayedAt) lastPlayedAt = round.playedAt;
    perGame.set(round.gameId, (perGame.get(round.gameId) ?? 0) + 1);
  }
  const favourite = [...perGame.entries()].sort(compareFavourite)[0];
  return {
    playerId,
    roundsPlayed: documents.length,
    wageredCents,
    paidOutCents,
    biggestWinCents,
    favouriteGameId: favourite?.[0] ?? null,
    lastPlayedAt,
  };
}

export async function leaderboard(context: AnalyticsContext, limit: number): Promise<PlayerMetricsRow[]> {
  const { rounds } = context.analytics;
  if (runsSlowVariant(context, 'slow-aggregation')) {
    // Slow: every document crosses the wire to be summed in JavaScript, then one more round trip
    // per leader for their metrics, each scanning the whole collection.
    const all = await rounds
      .find({}, { projection: { playerId: 1, betCents: 1, payoutCents: 1 } })
      .hint(COLLECTION_SCAN)
      .batchSize(BATCH)
      .toArray();
    const netByPlayer = new Map<number, number>();
    for (const round of all) netByPlayer.set(round.playerId, (netByPlayer.get(round.playerId) ?? 0) + round.payoutCents - round.betCents);
    const leaders = [...netByPlayer.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
    const metrics: PlayerMetricsRow[] = [];
    for (const [playerId] of leaders) {
      const documents = await rounds.find({ playerId }).hint(COLLECTION_SCAN).batchSize(BATCH).toArray();
      metrics.push(metricsInJavaScript(playerId, documents));
    }
    return metrics;
  }
  // Fixed: one pipeline ranks the players inside the database and returns only the leaders;
  // their metrics come from one more pipeline over the (playerId, gameId) index.
  const leaders = await rounds
    .aggregate<{ playerId: number }>([
      { $group: { _id: '$playerId', netCents: { $sum: { $subtract: ['$payoutCents', '$betCents'] } } } },
      { $sort: { netCents: -1, _id: 1 } },
      { $limit: limit },
      { $project: { _id: 0, playerId: '$_id' } },
    ])
    .toArray();
  const metrics = await context.metricsByPlayerId.loadMany(leaders.map((leader) => leader.playerId));
  return metrics.map((row) => {
    if (row instanceof Error) throw row;
    return row;
  });
}

export async function dailyStats(context: AnalyticsContext, from: Date, to: Date, gameId: string | null): Promise<DailyStatRow[]> {
  const { rounds } = context.analytics;
  if (runsSlowVariant(context, 'slow-aggregation')) {
    // Slow: a filter the database cannot serve from an index, every matching document pulled
    // into JavaScript, then filtered by date and grouped per day here.
    const documents = await rounds
      .find(gameId ? { gameId } : {}, { projection: { playerId: 1, betCents: 1, payoutCents: 1, playedAt: 1 } })
      .hint(COLLECTION_SCAN)
      .batchSize(BATCH)
      .toArray();
    const days = new Map<string, { rounds: number; players: Set<number>; wageredCents: number; paidOutCents: number }>();
    for (const round of documents) {
      if (round.playedAt < from || round.playedAt >= to) continue;
      const day = round.playedAt.toISOString().slice(0, 10);
      const stat = days.get(day) ?? { rounds: 0, players: new Set<number>(), wageredCents: 0, paidOutCents: 0 };
      stat.rounds++;
      stat.players.add(round.playerId);
      stat.wageredCents += round.betCents;
      stat.paidOutCents += round.payoutCents;
      days.set(day, stat);
    }
    return [...days.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([day, stat]) => ({
        day,
        rounds: stat.rounds,
        players: stat.players.size,
        wageredCents: stat.wageredCents,
        paidOutCents: stat.paidOutCents,
      }));
  }
  // Fixed: one pipeline whose `$match` the (gameId, playedAt) index serves; only a row per day returns.
  return rounds
    .aggregate<DailyStatRow>([
      { $match: { ...(gameId ? { gameId } : {}), playedAt: { $gte: from, $lt: to } } },
      {
        $group: {
          _id: { $dateToString: { format: '%Y-%m-%d', date: '$playedAt' } },
          rounds: { $sum: 1 },
          players: { $addToSet: '$playerId' },
          wageredCents: { $sum: '$betCents' },
          paidOutCents: { $sum: '$payoutCents' },
        },
      },
      { $sort: { _id: 1 } },
      { $project: { _id: 0, day: '$_id', rounds: 1, players: { $size: '$players' }, wageredCents: 1, paidOutCents: 1 } },
    ])
    .toArray();
}

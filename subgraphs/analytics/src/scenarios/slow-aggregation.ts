/**
 * Scenario `slow-aggregation`: the leaderboard and the daily statistics. Each slow twin sits
 * above its fixed twin; both return the same rows (tested) and read through the same repository
 * (`repositories/rounds.ts`). `runVariant` picks one and wraps it in the
 * `slow-aggregation (<mode>)` span, once per root field.
 */
import { runVariant } from '@trace-arcade/service-runtime';
import type { AnalyticsContext } from '../context.js';
import type { RoundDocument } from '../database.js';
import {
  findDailyStats,
  findLeaderIds,
  scanAllRoundFigures,
  scanDatedRoundFigures,
  scanRoundsOfPlayer,
  type DailyStatRow,
  type PlayerMetricsRow,
} from '../repositories/rounds.js';
import * as yours from '../workshop/slow-aggregation.js';

function compareFavourite(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** A player's metrics, computed in JavaScript from their documents. */
export function metricsInJavaScript(playerId: number, documents: RoundDocument[]): PlayerMetricsRow {
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

/**
 * Slow: every document crosses the wire to be summed in JavaScript, then one more round trip per
 * leader for their metrics, each scanning the whole collection.
 */
async function leaderboardInJavaScript(context: AnalyticsContext, limit: number): Promise<PlayerMetricsRow[]> {
  const all = await scanAllRoundFigures(context.analytics);
  const netByPlayer = new Map<number, number>();
  for (const round of all) netByPlayer.set(round.playerId, (netByPlayer.get(round.playerId) ?? 0) + round.payoutCents - round.betCents);
  const leaders = [...netByPlayer.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
  const metrics: PlayerMetricsRow[] = [];
  for (const [playerId] of leaders) {
    metrics.push(metricsInJavaScript(playerId, await scanRoundsOfPlayer(context.analytics, playerId)));
  }
  return metrics;
}

/**
 * Fixed: one pipeline ranks the players inside the database and returns only the leaders; their
 * metrics come from one more pipeline over the (playerId, gameId) index.
 */
async function leaderboardInDatabase(context: AnalyticsContext, limit: number): Promise<PlayerMetricsRow[]> {
  const leaders = await findLeaderIds(context.analytics, limit);
  const metrics = await context.metricsByPlayerId.loadMany(leaders);
  return metrics.map((row) => {
    if (row instanceof Error) throw row;
    return row;
  });
}

export function leaderboard(context: AnalyticsContext, limit: number): Promise<PlayerMetricsRow[]> {
  return runVariant(context, 'slow-aggregation', {
    slow: () => leaderboardInJavaScript(context, limit),
    fixed: () => leaderboardInDatabase(context, limit),
    // The workshop attendee's version (src/workshop/slow-aggregation.ts).
    yours: () => yours.leaderboard(context, limit),
  });
}

/**
 * Slow: a filter the database cannot serve from an index, every matching document pulled into
 * JavaScript, then filtered by date and grouped per day here.
 */
async function dailyStatsInJavaScript(context: AnalyticsContext, from: Date, to: Date, gameId: string | null): Promise<DailyStatRow[]> {
  const documents = await scanDatedRoundFigures(context.analytics, gameId);
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

export function dailyStats(context: AnalyticsContext, from: Date, to: Date, gameId: string | null): Promise<DailyStatRow[]> {
  return runVariant(context, 'slow-aggregation', {
    slow: () => dailyStatsInJavaScript(context, from, to, gameId),
    // Fixed: one pipeline whose `$match` the (gameId, playedAt) index serves; only a row per day returns.
    fixed: () => findDailyStats(context.analytics, from, to, gameId),
    yours: () => yours.dailyStats(context, from, to, gameId),
  });
}

/**
 * Workshop exercise `slow-aggregation`: the leaderboard and the daily statistics. Reference fix:
 * one pipeline ranks the players inside the database and returns only the leaders, whose metrics
 * come from one more pipeline over the (playerId, gameId) index (the request's DataLoader); the
 * daily statistics are one pipeline whose `$match` the (gameId, playedAt) index serves.
 */
import type { AnalyticsContext } from '../context.js';
import { findDailyStats, findLeaderIds, type DailyStatRow, type PlayerMetricsRow } from '../repositories/rounds.js';

/** The `limit` players with the highest net winnings, best first, with their metrics. */
export async function leaderboard(context: AnalyticsContext, limit: number): Promise<PlayerMetricsRow[]> {
  const leaders = await findLeaderIds(context.analytics, limit);
  const metrics = await context.metricsByPlayerId.loadMany(leaders);
  return metrics.map((row) => {
    if (row instanceof Error) throw row;
    return row;
  });
}

/** Rounds, players, wagers and payouts per day from `from` to `to` (exclusive), of one game or all. */
export function dailyStats(context: AnalyticsContext, from: Date, to: Date, gameId: string | null): Promise<DailyStatRow[]> {
  return findDailyStats(context.analytics, from, to, gameId);
}

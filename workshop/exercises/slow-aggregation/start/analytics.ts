/**
 * Workshop exercise `slow-aggregation`: the leaderboard and the daily statistics. They run for
 * requests in mode `yours` (`npm run workshop -- check slow-aggregation`). They start as the slow
 * twins: let MongoDB rank, filter and group, so that only the rows of the answer cross the wire.
 * The repository (`../repositories/rounds.ts`) has the queries you need.
 */
import type { AnalyticsContext } from '../context.js';
import {
  scanAllRoundFigures,
  scanDatedRoundFigures,
  scanRoundsOfPlayer,
  type DailyStatRow,
  type PlayerMetricsRow,
} from '../repositories/rounds.js';
import { metricsInJavaScript } from '../scenarios/slow-aggregation.js';

/** The `limit` players with the highest net winnings, best first, with their metrics. */
export async function leaderboard(context: AnalyticsContext, limit: number): Promise<PlayerMetricsRow[]> {
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

/** Rounds, players, wagers and payouts per day from `from` to `to` (exclusive), of one game or all. */
export async function dailyStats(context: AnalyticsContext, from: Date, to: Date, gameId: string | null): Promise<DailyStatRow[]> {
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

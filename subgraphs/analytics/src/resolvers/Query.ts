import { badUserInput, maxPageSize, pageSize, parsePlayerId } from '@trace-arcade/service-runtime';
import type { AnalyticsContext } from '../context.js';
import { findNewestRoundTime } from '../repositories/rounds.js';
import { playerActivity } from '../scenarios/memory-leak.js';
import { dailyStats, leaderboard } from '../scenarios/slow-aggregation.js';

const DAY_MS = 86_400_000;

export const Query = {
  async dailyStats(_: unknown, args: { days: number; gameId?: string | null }, context: AnalyticsContext) {
    const days = pageSize('days', args.days, maxPageSize('Query.dailyStats'));
    if (args.gameId === '') throw badUserInput('gameId', 'a game id or null', args.gameId);
    const newest = await findNewestRoundTime(context.analytics);
    if (!newest) return [];
    const to = new Date(Math.floor(newest.getTime() / DAY_MS) * DAY_MS + DAY_MS);
    const from = new Date(to.getTime() - days * DAY_MS);
    return dailyStats(context, from, to, args.gameId ?? null);
  },

  leaderboard: (_: unknown, args: { limit: number }, context: AnalyticsContext) =>
    leaderboard(context, pageSize('limit', args.limit, maxPageSize('Query.leaderboard'))),

  playerActivity: (_: unknown, args: { playerId: string; last: number }, context: AnalyticsContext) =>
    playerActivity(context, parsePlayerId('playerId', args.playerId), pageSize('last', args.last, maxPageSize('Query.playerActivity'))),
};

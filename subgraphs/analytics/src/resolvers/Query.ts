import { badUserInput, maxPageSize, pageSize, parsePlayerId } from '@trace-arcade/service-runtime';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { findNewestRoundTime } from '../repositories/rounds.js';
import { fixedGameLeaderboard } from '../scenarios/federation-waterfall.js';
import { playerActivity } from '../scenarios/memory-leak.js';
import { dailyStats, leaderboard } from '../scenarios/slow-aggregation.js';

const DAY_MS = 86_400_000;

export const Query: QueryResolvers = {
  async dailyStats(_, args, context) {
    const days = pageSize('days', args.days, maxPageSize('Query.dailyStats'));
    if (args.gameId === '') throw badUserInput('gameId', 'a game id or null', args.gameId);
    const newest = await findNewestRoundTime(context.analytics);
    if (!newest) return [];
    const to = new Date(Math.floor(newest.getTime() / DAY_MS) * DAY_MS + DAY_MS);
    const from = new Date(to.getTime() - days * DAY_MS);
    return dailyStats(context, from, to, args.gameId ?? null);
  },

  leaderboard: (_, args, context) => leaderboard(context, pageSize('limit', args.limit, maxPageSize('Query.leaderboard'))),

  gameLeaderboard: fixedGameLeaderboard,

  playerActivity: (_, args, context) =>
    playerActivity(context, parsePlayerId('playerId', args.playerId), pageSize('last', args.last, maxPageSize('Query.playerActivity'))),
};

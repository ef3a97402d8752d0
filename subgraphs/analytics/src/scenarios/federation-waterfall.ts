/**
 * Scenario `federation-waterfall`: the same leaders of a game, reachable two ways. The twins are two
 * schema designs, so the client's operation picks one (the catalog gives each mode its operation).
 * Inside analytics both twins run the same repository query: the cost is in the gateway's plan, not
 * here. They still go through `runVariant`, so the trace names the variant like every scenario's.
 */
import { badUserInput, maxPageSize, pageSize, runVariant } from '@trace-arcade/service-runtime';
import type { AnalyticsContext } from '../context.js';
import type { GameResolvers, QueryResolvers } from '../generated/resolvers-types.js';
import { findTopPlayersByGame } from '../repositories/rounds.js';

type LeadersField = 'Game.topPlayers' | 'Query.gameLeaderboard';

/**
 * Which twin a field is. The operation picks the field, whatever `x-scenarios` says (and the
 * attendee's operation, mode `yours`, picks one of the two), so the span names the field's twin.
 */
const TWIN_OF_FIELD: Record<LeadersField, 'slow' | 'fixed'> = { 'Game.topPlayers': 'slow', 'Query.gameLeaderboard': 'fixed' };

function topPlayers(context: AnalyticsContext, field: LeadersField, gameId: string, limit: number) {
  const size = pageSize('limit', limit, maxPageSize(field));
  const query = () => findTopPlayersByGame(context.analytics, gameId, size);
  // The workshop attendee's version is an operation (workshop/federation-waterfall.graphql), not code.
  return runVariant(context, 'federation-waterfall', { slow: query, fixed: query, yours: query }, { ran: TWIN_OF_FIELD[field] });
}

/**
 * Slow: `Game.topPlayers` hangs on the game subgraph's entity. The gateway can ask analytics for it
 * only once game has answered with the Game (fetch 1), and can ask users for the players' names only
 * once analytics has answered (fetch 2): game → analytics → users, three round trips one after another.
 */
export const slowGameTopPlayers: NonNullable<GameResolvers['topPlayers']> = (game, args, context) =>
  topPlayers(context, 'Game.topPlayers', game.id, args.limit);

/**
 * Fixed: `Query.gameLeaderboard` is a root field of analytics, which owns the data. The gateway
 * fetches it in parallel with the game's fields, and only the players' names wait for it:
 * two sequential steps instead of three.
 */
export const fixedGameLeaderboard: NonNullable<QueryResolvers['gameLeaderboard']> = (_, args, context) => {
  if (args.gameId === '') throw badUserInput('gameId', 'a game id', args.gameId);
  return topPlayers(context, 'Query.gameLeaderboard', args.gameId, args.limit);
};

import { fromDependency, loadForArgument } from '@trace-arcade/service-runtime';
import { GAME_DATABASE } from '../database.js';
import { freePlay } from '../free-play.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { findAllGames } from '../repositories/games.js';

export const Query: QueryResolvers = {
  games: (_, __, context) => fromDependency(GAME_DATABASE, () => findAllGames(context.db)),
  game: (_, args, context) => loadForArgument(context.gameById, args.id, 'id'),
  freePlay: (_, args, context) => freePlay(context, args.gameId, args.choice, args.spins),
};

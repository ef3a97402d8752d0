import { graphQLError } from '@trace-arcade/service-runtime';
import type { GameContext } from '../context.js';
import { findAllGames } from '../repositories/games.js';

export const Query = {
  games: (_: unknown, __: unknown, context: GameContext) => findAllGames(context.db),
  async game(_: unknown, args: { id: string }, context: GameContext) {
    try {
      return await context.gameById.load(args.id);
    } catch {
      throw graphQLError('NOT_FOUND', `no game with id ${JSON.stringify(args.id)}`, { argument: 'id' });
    }
  },
};

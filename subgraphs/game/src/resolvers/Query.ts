import { graphQLError } from '@trace-arcade/service-runtime';
import type { GameContext } from '../context.js';
import { freePlay } from '../free-play.js';
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
  freePlay: (_: unknown, args: { gameId: string; choice?: string | null; spins: number }, context: GameContext) =>
    freePlay(context, args.gameId, args.choice, args.spins),
};

import { fromDependency, loadForArgument } from '@trace-arcade/service-runtime';
import type { GameContext } from '../context.js';
import { GAME_DATABASE } from '../database.js';
import { freePlay } from '../free-play.js';
import { findAllGames } from '../repositories/games.js';

export const Query = {
  games: (_: unknown, __: unknown, context: GameContext) => fromDependency(GAME_DATABASE, () => findAllGames(context.db)),
  game: (_: unknown, args: { id: string }, context: GameContext) => loadForArgument(context.gameById, args.id, 'id'),
  freePlay: (_: unknown, args: { gameId: string; choice?: string | null; spins: number }, context: GameContext) =>
    freePlay(context, args.gameId, args.choice, args.spins),
};

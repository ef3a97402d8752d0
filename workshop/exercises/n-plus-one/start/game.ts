/**
 * Workshop exercise `n-plus-one`, game side: a game resolved by reference, once per round of the
 * list (200 times for the demo query). It runs for requests in mode `yours` (`npm run workshop --
 * check n-plus-one`). It starts as the slow twin: make all the references of a request cost one
 * statement.
 */
import { NotFoundError } from '@trace-arcade/service-runtime';
import type { GameContext } from '../context.js';
import { findGameById, type GameRow } from '../repositories/games.js';

export async function gameByReference(context: GameContext, id: string): Promise<GameRow> {
  const game = await findGameById(context.db, id);
  if (!game) throw new NotFoundError('game', id);
  return game;
}

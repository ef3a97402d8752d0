/**
 * Workshop exercise `n-plus-one`, game side: a game resolved by reference, once per round of the
 * list. Reference fix: one DataLoader per request collects every reference and loads the games in
 * one `= ANY($1)` statement.
 */
import { entityLoader, perRequest } from '@trace-arcade/service-runtime';
import type { GameContext } from '../context.js';
import { GAME_DATABASE } from '../database.js';
import { findGamesByIds, type GameRow } from '../repositories/games.js';

export async function gameByReference(context: GameContext, id: string): Promise<GameRow> {
  // Created once per request: a loader made on each call would batch that call's one key only.
  const loader = perRequest(context, 'games-by-id', () =>
    entityLoader<string, GameRow>(
      'game',
      (ids) => findGamesByIds(context.db, ids),
      (game) => game.id,
      GAME_DATABASE,
    ),
  );
  return loader.load(id);
}

/** Scenario `n-plus-one`, game side: games resolved by reference. The slow path sits above its fixed twin. */
import { NotFoundError, runsSlowVariant } from '@trace-arcade/service-runtime';
import type { GameContext } from '../context.js';
import { findGameById, type GameRow } from '../repositories/games.js';

export async function gameByReference(context: GameContext, id: string): Promise<GameRow> {
  // A single reference costs one SELECT in either variant: the request counts against the
  // slow-variant limit from its second one, when the N+1 begins.
  if (runsSlowVariant(context, 'n-plus-one', { freeCalls: 1 })) {
    // Slow: one SELECT per representation the gateway sends (one per round of the list).
    const game = await findGameById(context.db, id);
    if (!game) throw new NotFoundError('game', id);
    return game;
  }
  // Fixed: every representation of the request in one `= ANY($1)` statement.
  return context.gameById.load(id);
}

/**
 * Scenario `n-plus-one`, game side: games resolved by reference. The slow twin sits above its
 * fixed twin, and `runVariant` picks one per reference.
 *
 * No `n-plus-one (<mode>)` span here (`span: false`): this runs once per entity reference, 200
 * times for the demo query. A span per reference would be 200 spans, each putting its one `db` span
 * under a parent of its own; the root span's `scenario.n-plus-one` attribute names the variant.
 */
import { NotFoundError, runVariant } from '@trace-arcade/service-runtime';
import type { GameContext } from '../context.js';
import { findGameById, type GameRow } from '../repositories/games.js';
import * as yours from '../workshop/n-plus-one.js';

export async function gameByReference(context: GameContext, id: string): Promise<GameRow> {
  return runVariant(
    context,
    'n-plus-one',
    {
      // Slow: one SELECT per representation the gateway sends (one per round of the list).
      slow: async () => {
        const game = await findGameById(context.db, id);
        if (!game) throw new NotFoundError('game', id);
        return game;
      },
      // Fixed: every representation of the request in one `= ANY($1)` statement.
      fixed: () => context.gameById.load(id),
      // The workshop attendee's version (src/workshop/n-plus-one.ts).
      yours: () => yours.gameByReference(context, id),
    },
    // A single reference costs one SELECT in either variant: the request counts against the
    // slow-variant limit from its second one, when the N+1 begins.
    { span: false, freeCalls: 1 },
  );
}

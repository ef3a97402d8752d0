/**
 * Scenario `n-plus-one`, users side: a player's recent rounds, and players and rounds resolved
 * by reference from other subgraphs. Each slow twin sits above its fixed twin, and `runVariant`
 * picks one per call.
 *
 * No `n-plus-one (<mode>)` span here (`span: false`): these functions run once per player of the
 * list or once per entity reference (20 and up to 200 times a request). A span per call would put
 * each batch of `db` spans under its own parent instead of the GraphQL execute span, where Sentry's
 * N+1 detector looks for them; the root span's `scenario.n-plus-one` attribute names the variant.
 */
import { NotFoundError, runVariant } from '@trace-arcade/service-runtime';
import type { UsersContext } from '../context.js';
import { findPlayerById, type PlayerRow } from '../repositories/players.js';
import { findRecentRoundIds, findRoundById, type RoundRow } from '../repositories/rounds.js';
import * as yours from '../workshop/n-plus-one.js';

/** Runs once per parent (a player of the list): no span of its own. */
const PER_PARENT = { span: false };

/**
 * Runs once per entity reference: no span of its own, and the request counts against the
 * slow-variant limit from its second reference (a single reference costs one SELECT in either
 * variant, a batch of them is the N+1).
 */
const PER_REFERENCE = { span: false, freeCalls: 1 };

export async function recentRounds(context: UsersContext, playerId: number, last: number): Promise<RoundRow[]> {
  return runVariant(
    context,
    'n-plus-one',
    {
      // Slow: the resolver as it is naturally written, once per player: the ids first, then each
      // row by itself, awaited one after another. 20 players x 10 rounds cost 1 + 20 + 200 statements.
      slow: async () => {
        const ids = await findRecentRoundIds(context.db, playerId, last);
        const rounds: RoundRow[] = [];
        for (const id of ids) {
          const round = await findRoundById(context.db, id);
          if (round) rounds.push(round);
        }
        return rounds;
      },
      // Fixed: a per-request DataLoader collects every player of the list and loads all their
      // rounds in one statement (a lateral join per player id).
      fixed: () => context.recentRoundsByPlayerId(last).load(playerId),
      // The workshop attendee's version (src/workshop/n-plus-one.ts).
      yours: () => yours.recentRounds(context, playerId, last),
    },
    PER_PARENT,
  );
}

export async function playerByReference(context: UsersContext, id: number): Promise<PlayerRow> {
  return runVariant(
    context,
    'n-plus-one',
    {
      // Slow: one SELECT per representation the gateway sends.
      slow: async () => {
        const player = await findPlayerById(context.db, id);
        if (!player) throw new NotFoundError('player', id);
        return player;
      },
      // Fixed: every representation of the request in one `= ANY($1)` statement.
      fixed: () => context.playerById.load(id),
      // Not part of the workshop exercise (the demo query resolves no player by reference).
      yours: () => context.playerById.load(id),
    },
    PER_REFERENCE,
  );
}

export async function roundByReference(context: UsersContext, id: string): Promise<RoundRow> {
  return runVariant(
    context,
    'n-plus-one',
    {
      // Slow: one SELECT per representation the gateway sends.
      slow: async () => {
        const round = await findRoundById(context.db, id);
        if (!round) throw new NotFoundError('round', id);
        return round;
      },
      // Fixed: every representation of the request in one `= ANY($1)` statement.
      fixed: () => context.roundById.load(id),
      // Not part of the workshop exercise (the demo query resolves no round by reference).
      yours: () => context.roundById.load(id),
    },
    PER_REFERENCE,
  );
}

/**
 * Scenario `n-plus-one`, users side: a player's recent rounds, and players and rounds resolved
 * by reference from other subgraphs. Each slow path sits above its fixed twin.
 */
import { NotFoundError, runsSlowVariant } from '@trace-arcade/service-runtime';
import type { UsersContext } from '../context.js';
import { findPlayerById, type PlayerRow } from '../repositories/players.js';
import { findRecentRoundIds, findRoundById, type RoundRow } from '../repositories/rounds.js';

/**
 * Entity references count against the slow-variant limit from the request's second one: a single
 * reference costs one SELECT in either variant, a batch of them is the N+1.
 */
const REFERENCES = { freeCalls: 1 };

export async function recentRounds(context: UsersContext, playerId: number, last: number): Promise<RoundRow[]> {
  if (runsSlowVariant(context, 'n-plus-one')) {
    // Slow: the resolver as it is naturally written, once per player: the ids first, then each
    // row by itself, awaited one after another. 20 players x 10 rounds cost 1 + 20 + 200 statements.
    const ids = await findRecentRoundIds(context.db, playerId, last);
    const rounds: RoundRow[] = [];
    for (const id of ids) {
      const round = await findRoundById(context.db, id);
      if (round) rounds.push(round);
    }
    return rounds;
  }
  // Fixed: a per-request DataLoader collects every player of the list and loads all their
  // rounds in one statement (a lateral join per player id).
  return context.recentRoundsByPlayerId(last).load(playerId);
}

export async function playerByReference(context: UsersContext, id: number): Promise<PlayerRow> {
  if (runsSlowVariant(context, 'n-plus-one', REFERENCES)) {
    // Slow: one SELECT per representation the gateway sends.
    const player = await findPlayerById(context.db, id);
    if (!player) throw new NotFoundError('player', id);
    return player;
  }
  // Fixed: every representation of the request in one `= ANY($1)` statement.
  return context.playerById.load(id);
}

export async function roundByReference(context: UsersContext, id: string): Promise<RoundRow> {
  if (runsSlowVariant(context, 'n-plus-one', REFERENCES)) {
    // Slow: one SELECT per representation the gateway sends.
    const round = await findRoundById(context.db, id);
    if (!round) throw new NotFoundError('round', id);
    return round;
  }
  // Fixed: every representation of the request in one `= ANY($1)` statement.
  return context.roundById.load(id);
}

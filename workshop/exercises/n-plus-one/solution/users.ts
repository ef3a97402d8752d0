/**
 * Workshop exercise `n-plus-one`, users side: a player's recent rounds, the `rounds(last:)` field
 * of every player in the list. Reference fix: one DataLoader per request (and per page size)
 * collects the ids of every player of the list and loads all their rounds in one statement.
 */
import { perRequest, relationLoader } from '@trace-arcade/service-runtime';
import type { UsersContext } from '../context.js';
import { USERS_DATABASE } from '../database.js';
import { findRecentRoundsByPlayerIds, type RoundRow } from '../repositories/rounds.js';

export async function recentRounds(context: UsersContext, playerId: number, last: number): Promise<RoundRow[]> {
  // Created once per request: a loader made on each call would batch that call's one key only.
  const loader = perRequest(context, `recent-rounds:${last}`, () =>
    relationLoader<number, RoundRow>(
      (playerIds) => findRecentRoundsByPlayerIds(context.db, playerIds, last),
      (round) => round.playerId,
      USERS_DATABASE,
      'recent rounds',
    ),
  );
  return loader.load(playerId);
}

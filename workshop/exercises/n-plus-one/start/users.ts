/**
 * Workshop exercise `n-plus-one`, users side: a player's recent rounds, the `rounds(last:)` field
 * of every player in the list. It runs for requests in mode `yours` (`npm run workshop -- check
 * n-plus-one`). It starts as the slow twin: make the whole list cost one statement.
 */
import type { UsersContext } from '../context.js';
import { findRecentRoundIds, findRoundById, type RoundRow } from '../repositories/rounds.js';

export async function recentRounds(context: UsersContext, playerId: number, last: number): Promise<RoundRow[]> {
  const ids = await findRecentRoundIds(context.db, playerId, last);
  const rounds: RoundRow[] = [];
  for (const id of ids) {
    const round = await findRoundById(context.db, id);
    if (round) rounds.push(round);
  }
  return rounds;
}

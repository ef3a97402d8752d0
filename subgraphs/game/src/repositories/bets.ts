import type { GameDb } from '../database.js';

/** A settled bet: what was charged and what the round paid. */
export interface BetRow {
  idempotencyKey: string;
  roundId: string;
  playerId: number;
  gameId: string;
  betCents: number;
  authorizationId: string;
  won: boolean;
  payoutCents: number;
  draw: string;
  balanceCents: number;
}

export function findBetByIdempotencyKey(db: GameDb, key: string): Promise<BetRow | undefined> {
  return db
    .selectFrom('bets')
    .select([
      'idempotency_key as idempotencyKey',
      'round_id as roundId',
      'player_id as playerId',
      'game_id as gameId',
      'bet_cents as betCents',
      'authorization_id as authorizationId',
      'won',
      'payout_cents as payoutCents',
      'draw',
      'balance_cents as balanceCents',
    ])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** Stores a settled bet; a second bet with the same key changes nothing. */
export async function insertBet(db: GameDb, bet: BetRow): Promise<void> {
  await db
    .insertInto('bets')
    .values({
      idempotency_key: bet.idempotencyKey,
      round_id: bet.roundId,
      player_id: bet.playerId,
      game_id: bet.gameId,
      bet_cents: bet.betCents,
      authorization_id: bet.authorizationId,
      won: bet.won,
      payout_cents: bet.payoutCents,
      draw: bet.draw,
      balance_cents: bet.balanceCents,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

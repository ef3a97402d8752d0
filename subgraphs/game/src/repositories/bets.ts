import { sql } from 'kysely';
import type { BetStatus, GameDb } from '../database.js';

/** What a bet asks for: a retry with the same idempotency key must ask for exactly this. */
export interface BetRequest {
  idempotencyKey: string;
  roundId: string;
  playerId: number;
  gameId: string;
  betCents: number;
  /** The choice as parsed: 'over:50', 'red', '' for slots. */
  choice: string;
}

/** What the RNG drew for a bet; kept before the round is recorded, so that a retry records the same. */
export interface BetDraw {
  won: boolean;
  payoutCents: number;
  draw: string;
  outcome: string;
}

/** A bet's row: what it asks for, where it is, and as much of its result as is known. */
export interface BetRow extends Omit<BetRequest, 'choice'> {
  /** Null for bets stored before the choice was kept. */
  choice: string | null;
  status: BetStatus;
  chargeAttempt: number;
  /** How long ago the current claim was made, by the database's clock; null when unclaimed. */
  claimAgeMs: number | null;
  authorizationId: string | null;
  won: boolean | null;
  payoutCents: number | null;
  draw: string | null;
  outcome: string | null;
  balanceCents: number | null;
}

/** A settled bet's result, as the player is answered. */
export interface SettledBet extends BetDraw {
  balanceCents: number;
}

function selectBets(db: GameDb) {
  return db
    .selectFrom('bets')
    .select([
      'idempotency_key as idempotencyKey',
      'round_id as roundId',
      'player_id as playerId',
      'game_id as gameId',
      'bet_cents as betCents',
      'choice',
      'status',
      'charge_attempt as chargeAttempt',
      sql<number | null>`(extract(epoch from now() - claimed_at) * 1000)::float8`.as('claimAgeMs'),
      'authorization_id as authorizationId',
      'won',
      'payout_cents as payoutCents',
      'draw',
      'outcome',
      'balance_cents as balanceCents',
    ]);
}

export function findBetByIdempotencyKey(db: GameDb, key: string): Promise<BetRow | undefined> {
  return selectBets(db).where('idempotency_key', '=', key).executeTakeFirst();
}

/**
 * Claims a new bet: writes it `pending` under `claimToken` unless a row with its key exists.
 * True when this call made the row, so its caller alone plays the bet.
 */
export async function claimNewBet(db: GameDb, bet: BetRequest, claimToken: string): Promise<boolean> {
  const inserted = await db
    .insertInto('bets')
    .values({
      idempotency_key: bet.idempotencyKey,
      round_id: bet.roundId,
      player_id: bet.playerId,
      game_id: bet.gameId,
      bet_cents: bet.betCents,
      choice: bet.choice,
      status: 'pending',
      claim_token: claimToken,
      claimed_at: sql<Date>`now()`,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('idempotency_key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Claims a bet that nobody plays: one released for a retry, or one whose claim is older than
 * `staleAfterMs` (the request that held it died). Returns the row when this call took it.
 */
export async function takeOverBet(db: GameDb, key: string, claimToken: string, staleAfterMs: number): Promise<BetRow | undefined> {
  const taken = await db
    .updateTable('bets')
    .set({ status: 'pending', claim_token: claimToken, claimed_at: sql<Date>`now()` })
    .where('idempotency_key', '=', key)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'open'),
        eb.and([
          eb('status', '=', 'pending'),
          eb('claimed_at', '<', sql<Date>`now() - ${staleAfterMs}::integer * interval '1 millisecond'`),
        ]),
      ]),
    )
    .returning('idempotency_key')
    .executeTakeFirst();
  return taken ? findBetByIdempotencyKey(db, key) : undefined;
}

/** The claim still holds: the row is pending under this token. */
function claimed(db: GameDb, key: string, claimToken: string) {
  return db.updateTable('bets').where('idempotency_key', '=', key).where('status', '=', 'pending').where('claim_token', '=', claimToken);
}

/**
 * Inside a transaction: locks the bet's row while the claim still holds (nobody takes it over until
 * the transaction ends). False when the claim was lost.
 */
export async function lockClaimedBet(trx: GameDb, key: string, claimToken: string): Promise<boolean> {
  const row = await trx
    .selectFrom('bets')
    .select('idempotency_key')
    .where('idempotency_key', '=', key)
    .where('status', '=', 'pending')
    .where('claim_token', '=', claimToken)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Keeps the hold and the draw before the round is recorded; false when the claim was lost. */
export async function saveCharge(db: GameDb, key: string, claimToken: string, authorizationId: string, draw: BetDraw): Promise<boolean> {
  const result = await claimed(db, key, claimToken)
    .set({ authorization_id: authorizationId, won: draw.won, payout_cents: draw.payoutCents, draw: draw.draw, outcome: draw.outcome })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Settles the bet with the round as the history recorded it; false when the claim was lost. */
export async function settleBet(db: GameDb, key: string, claimToken: string, settled: SettledBet): Promise<boolean> {
  const result = await claimed(db, key, claimToken)
    .set({
      status: 'settled',
      claim_token: null,
      claimed_at: null,
      won: settled.won,
      payout_cents: settled.payoutCents,
      draw: settled.draw,
      outcome: settled.outcome,
      balance_cents: settled.balanceCents,
      settled_at: sql<Date>`now()`,
    })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Gives the bet up for a retry. `voided`: the hold was voided and the round was not recorded, so
 * the next attempt charges under a new payment key and draws again. Otherwise the round may be in
 * the history already: the next attempt replays the same hold and the same draw.
 */
export async function releaseBet(db: GameDb, key: string, claimToken: string, voided: boolean): Promise<void> {
  await claimed(db, key, claimToken)
    .set((eb) => ({
      status: 'open',
      claim_token: null,
      claimed_at: null,
      ...(voided
        ? {
            charge_attempt: eb('charge_attempt', '+', 1),
            authorization_id: null,
            won: null,
            payout_cents: null,
            draw: null,
            outcome: null,
          }
        : {}),
    }))
    .execute();
}

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
      'idempotencyKey',
      'roundId',
      'playerId',
      'gameId',
      'betCents',
      'choice',
      'status',
      'chargeAttempt',
      sql<number | null>`(extract(epoch from now() - claimed_at) * 1000)::float8`.as('claimAgeMs'),
      'authorizationId',
      'won',
      'payoutCents',
      'draw',
      'outcome',
      'balanceCents',
    ]);
}

export function findBetByIdempotencyKey(db: GameDb, key: string): Promise<BetRow | undefined> {
  return selectBets(db).where('idempotencyKey', '=', key).executeTakeFirst();
}

/**
 * Claims a new bet: writes it `pending` under `claimToken` unless a row with its key exists.
 * True when this call made the row, so its caller alone plays the bet.
 */
export async function claimNewBet(db: GameDb, bet: BetRequest, claimToken: string): Promise<boolean> {
  const inserted = await db
    .insertInto('bets')
    .values({
      idempotencyKey: bet.idempotencyKey,
      roundId: bet.roundId,
      playerId: bet.playerId,
      gameId: bet.gameId,
      betCents: bet.betCents,
      choice: bet.choice,
      status: 'pending',
      claimToken,
      claimedAt: sql<Date>`now()`,
    })
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .returning('idempotencyKey')
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
    .set({ status: 'pending', claimToken, claimedAt: sql<Date>`now()` })
    .where('idempotencyKey', '=', key)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'open'),
        eb.and([
          eb('status', '=', 'pending'),
          eb('claimedAt', '<', sql<Date>`now() - ${staleAfterMs}::integer * interval '1 millisecond'`),
        ]),
      ]),
    )
    .returning('idempotencyKey')
    .executeTakeFirst();
  return taken ? findBetByIdempotencyKey(db, key) : undefined;
}

/** The claim still holds: the row is pending under this token. */
function claimed(db: GameDb, key: string, claimToken: string) {
  return db.updateTable('bets').where('idempotencyKey', '=', key).where('status', '=', 'pending').where('claimToken', '=', claimToken);
}

/**
 * Inside a transaction: locks the bet's row while the claim still holds (nobody takes it over until
 * the transaction ends). False when the claim was lost.
 */
export async function lockClaimedBet(trx: GameDb, key: string, claimToken: string): Promise<boolean> {
  const row = await trx
    .selectFrom('bets')
    .select('idempotencyKey')
    .where('idempotencyKey', '=', key)
    .where('status', '=', 'pending')
    .where('claimToken', '=', claimToken)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Keeps the hold and the draw before the round is recorded; false when the claim was lost. */
export async function saveCharge(db: GameDb, key: string, claimToken: string, authorizationId: string, draw: BetDraw): Promise<boolean> {
  const result = await claimed(db, key, claimToken)
    .set({ authorizationId, won: draw.won, payoutCents: draw.payoutCents, draw: draw.draw, outcome: draw.outcome })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Settles the bet with the round as the history recorded it; false when the claim was lost. */
export async function settleBet(db: GameDb, key: string, claimToken: string, settled: SettledBet): Promise<boolean> {
  const result = await claimed(db, key, claimToken)
    .set({
      status: 'settled',
      claimToken: null,
      claimedAt: null,
      won: settled.won,
      payoutCents: settled.payoutCents,
      draw: settled.draw,
      outcome: settled.outcome,
      balanceCents: settled.balanceCents,
      settledAt: sql<Date>`now()`,
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
      claimToken: null,
      claimedAt: null,
      ...(voided
        ? {
            chargeAttempt: eb('chargeAttempt', '+', 1),
            authorizationId: null,
            won: null,
            payoutCents: null,
            draw: null,
            outcome: null,
          }
        : {}),
    }))
    .execute();
}

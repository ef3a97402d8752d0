import { sql } from 'kysely';
import type { UsersDb } from '../database.js';

export interface RoundRow {
  id: string;
  playerId: number;
  gameId: string;
  betCents: number;
  payoutCents: number;
  outcome: string;
  playedAt: Date;
}

function selectRounds(db: Pick<UsersDb, 'selectFrom'>) {
  return db.selectFrom('rounds').select(['id', 'playerId', 'gameId', 'betCents', 'payoutCents', 'outcome', 'playedAt']);
}

export function findRoundById(db: UsersDb, id: string): Promise<RoundRow | undefined> {
  return selectRounds(db).where('id', '=', id).executeTakeFirst();
}

/** The ids of a player's newest `last` rounds, newest first. */
export async function findRecentRoundIds(db: UsersDb, playerId: number, last: number): Promise<string[]> {
  const rows = await db
    .selectFrom('rounds')
    .select('id')
    .where('playerId', '=', playerId)
    .orderBy('playedAt', 'desc')
    .limit(last)
    .execute();
  return rows.map((row) => row.id);
}

export function findRoundsByIds(db: UsersDb, ids: readonly string[]): Promise<RoundRow[]> {
  return selectRounds(db)
    .where('id', '=', (eb) => eb.fn.any(eb.val([...ids])))
    .execute();
}

/** The newest `last` rounds of each player, in one statement (a lateral join per player id). */
export function findRecentRoundsByPlayerIds(db: UsersDb, playerIds: readonly number[], last: number): Promise<RoundRow[]> {
  return db
    .selectFrom(sql<{ playerId: number }>`(select unnest(${[...playerIds]}::int[]) as player_id)`.as('p'))
    .innerJoinLateral(
      (eb) =>
        eb.selectFrom('rounds').selectAll().whereRef('rounds.playerId', '=', 'p.playerId').orderBy('playedAt', 'desc').limit(last).as('r'),
      (join) => join.onTrue(),
    )
    .select(['r.id', 'r.playerId', 'r.gameId', 'r.betCents', 'r.payoutCents', 'r.outcome', 'r.playedAt'])
    .orderBy('r.playerId')
    .orderBy('r.playedAt', 'desc')
    .execute();
}

/** What a stake profile needs of a round. */
export interface StakeRow {
  id: string;
  betCents: number;
  payoutCents: number;
}

/** Every round of a player, in no particular order: its id, bet and payout. */
export function findStakesByPlayerId(db: UsersDb, playerId: number): Promise<StakeRow[]> {
  return db.selectFrom('rounds').select(['id', 'betCents', 'payoutCents']).where('playerId', '=', playerId).execute();
}

/** A round to add to the history: the same fields it is read back with. */
export type NewRound = RoundRow;

/** How a round was recorded: the round as stored and the wallet balance it left. */
export interface RecordedRound {
  round: RoundRow;
  balanceCents: number;
}

export type RecordRoundResult =
  | ({ status: 'recorded' } & RecordedRound)
  | ({ status: 'duplicate' } & RecordedRound)
  | { status: 'unknown-player' }
  | { status: 'insufficient-funds'; balanceCents: number };

/**
 * Adds a round to the player's history and settles it on the wallet in one transaction.
 * Recording the same round id again changes nothing and answers the round as it was recorded,
 * with the balance it left (a retried bet is never charged twice, and is settled with what the
 * wallet saw the first time).
 */
export function recordRound(db: UsersDb, round: NewRound): Promise<RecordRoundResult> {
  return db.transaction().execute(async (trx): Promise<RecordRoundResult> => {
    // The wallet's row lock serializes a player's rounds, so the checks below cannot race.
    const wallet = await trx
      .selectFrom('wallets')
      .select('balanceCents')
      .where('playerId', '=', round.playerId)
      .forUpdate()
      .executeTakeFirst();
    if (!wallet) return { status: 'unknown-player' };
    const recorded = await selectRounds(trx).select('balanceAfterCents').where('id', '=', round.id).executeTakeFirst();
    if (recorded) {
      const { balanceAfterCents, ...stored } = recorded;
      // Rounds recorded before balances were kept answer today's balance.
      return { status: 'duplicate', round: stored, balanceCents: balanceAfterCents ?? wallet.balanceCents };
    }
    if (wallet.balanceCents < round.betCents) return { status: 'insufficient-funds', balanceCents: wallet.balanceCents };
    const balanceCents = wallet.balanceCents + round.payoutCents - round.betCents;
    await trx.updateTable('wallets').set({ balanceCents }).where('playerId', '=', round.playerId).execute();
    await trx
      .insertInto('rounds')
      .values({
        id: round.id,
        playerId: round.playerId,
        gameId: round.gameId,
        betCents: round.betCents,
        payoutCents: round.payoutCents,
        outcome: round.outcome,
        playedAt: round.playedAt,
        balanceAfterCents: balanceCents,
      })
      .execute();
    return { status: 'recorded', round, balanceCents };
  });
}

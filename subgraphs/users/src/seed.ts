import { sql } from 'kysely';
import { generatePlayers, generateRounds, inBatches, type SeedSize } from '@trace-arcade/seed-data';
import type { UsersDb } from './database.js';

export type SeedProgress = (done: number, total: number) => void;

/** Inserts the deterministic players, wallets and history; rows already there are kept, so a re-run is harmless. */
export async function seedUsers(db: UsersDb, size: SeedSize, progress: SeedProgress): Promise<void> {
  const total = size.players + size.rounds;
  let done = 0;
  for (const players of inBatches(generatePlayers(size.players), 1000)) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('players')
        .values(
          players.map((p) => ({ id: p.id, username: p.username, displayName: p.displayName, country: p.country, joinedAt: p.joinedAt })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      await trx
        .insertInto('wallets')
        .values(players.map((p) => ({ playerId: p.id, balanceCents: p.balanceCents, currency: 'EUR' })))
        .onConflict((oc) => oc.column('playerId').doNothing())
        .execute();
    });
    progress((done += players.length), total);
  }
  // Seeded ids are explicit: move the sequence past them so new players get fresh ids.
  await db.executeQuery(sql`select setval('players_id_seq', greatest((select max(id) from players), 1))`.compile(db));
  for (const rounds of inBatches(generateRounds(size), 2000)) {
    await db
      .insertInto('rounds')
      .values(
        rounds.map((r) => ({
          id: r.id,
          playerId: r.playerId,
          gameId: r.gameId,
          betCents: r.betCents,
          payoutCents: r.payoutCents,
          outcome: r.outcome,
          playedAt: r.playedAt,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    progress((done += rounds.length), total);
  }
}

/** How much of a data set is there already. */
export async function countSeeded(db: UsersDb): Promise<{ players: number; rounds: number }> {
  const [players, rounds] = await Promise.all([
    db
      .selectFrom('players')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('rounds')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { players: Number(players.count), rounds: Number(rounds.count) };
}

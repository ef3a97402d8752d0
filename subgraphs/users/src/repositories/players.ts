import type { UsersDb } from '../database.js';

export interface PlayerRow {
  id: number;
  username: string;
  displayName: string;
  country: string;
  joinedAt: Date;
  balanceCents: number;
  currency: string;
}

function selectPlayers(db: UsersDb) {
  return db
    .selectFrom('players')
    .innerJoin('wallets', 'wallets.playerId', 'players.id')
    .select([
      'players.id',
      'players.username',
      'players.displayName',
      'players.country',
      'players.joinedAt',
      'wallets.balanceCents',
      'wallets.currency',
    ]);
}

/** A page of players in id order, starting after `afterId`. */
export function findPlayersPage(db: UsersDb, first: number, afterId: number): Promise<PlayerRow[]> {
  return selectPlayers(db).where('players.id', '>', afterId).orderBy('players.id').limit(first).execute();
}

export function findPlayersByIds(db: UsersDb, ids: readonly number[]): Promise<PlayerRow[]> {
  return selectPlayers(db)
    .where('players.id', '=', (eb) => eb.fn.any(eb.val([...ids])))
    .execute();
}

export function findPlayerById(db: UsersDb, id: number): Promise<PlayerRow | undefined> {
  return selectPlayers(db).where('players.id', '=', id).executeTakeFirst();
}

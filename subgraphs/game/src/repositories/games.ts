import type { CatalogGame } from '@trace-arcade/seed-data';
import type { GameDb } from '../database.js';

/** A game row has exactly the catalog's shape. */
export type GameRow = CatalogGame;

function selectGames(db: GameDb) {
  return db
    .selectFrom('games')
    .select([
      'id',
      'name',
      'kind',
      'min_bet_cents as minBetCents',
      'max_bet_cents as maxBetCents',
      (eb) => eb.cast<number>('rtp_percent', 'float8').as('rtpPercent'),
    ]);
}

export function findAllGames(db: GameDb): Promise<GameRow[]> {
  return selectGames(db).orderBy('id').execute();
}

export function findGameById(db: GameDb, id: string): Promise<GameRow | undefined> {
  return selectGames(db).where('id', '=', id).executeTakeFirst();
}

export function findGamesByIds(db: GameDb, ids: readonly string[]): Promise<GameRow[]> {
  return selectGames(db)
    .where('id', '=', (eb) => eb.fn.any(eb.val([...ids])))
    .execute();
}

/** Writes the catalog; a re-run updates names and limits in place. */
export async function upsertGames(db: GameDb, games: readonly CatalogGame[]): Promise<void> {
  await db
    .insertInto('games')
    .values(
      games.map((g) => ({
        id: g.id,
        name: g.name,
        kind: g.kind,
        min_bet_cents: g.minBetCents,
        max_bet_cents: g.maxBetCents,
        rtp_percent: String(g.rtpPercent),
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        kind: eb.ref('excluded.kind'),
        min_bet_cents: eb.ref('excluded.min_bet_cents'),
        max_bet_cents: eb.ref('excluded.max_bet_cents'),
        rtp_percent: eb.ref('excluded.rtp_percent'),
      })),
    )
    .execute();
}

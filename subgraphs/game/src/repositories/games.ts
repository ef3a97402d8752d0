import type { CatalogGame } from '@trace-arcade/seed-data';
import type { GameDb } from '../database.js';

/** A game row has exactly the catalog's shape. */
export type GameRow = CatalogGame;

function selectGames(db: GameDb) {
  return db
    .selectFrom('games')
    .select(['id', 'name', 'kind', 'minBetCents', 'maxBetCents', (eb) => eb.cast<number>('rtpPercent', 'float8').as('rtpPercent')]);
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
        minBetCents: g.minBetCents,
        maxBetCents: g.maxBetCents,
        rtpPercent: String(g.rtpPercent),
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        kind: eb.ref('excluded.kind'),
        minBetCents: eb.ref('excluded.minBetCents'),
        maxBetCents: eb.ref('excluded.maxBetCents'),
        rtpPercent: eb.ref('excluded.rtpPercent'),
      })),
    )
    .execute();
}

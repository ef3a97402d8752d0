import { GAME_CATALOG } from '@trace-arcade/seed-data';
import type { GameDb } from './database.js';
import { upsertGames } from './repositories/games.js';

/** Writes the game catalog; a re-run updates it in place. */
export function seedGames(db: GameDb): Promise<void> {
  return upsertGames(db, GAME_CATALOG);
}

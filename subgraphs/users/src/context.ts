import type DataLoader from 'dataloader';
import { entityLoader, relationLoader, type RequestScope } from '@trace-arcade/service-runtime';
import { USERS_DATABASE, type UsersDb } from './database.js';
import { findPlayersByIds, type PlayerRow } from './repositories/players.js';
import { findRecentRoundsByPlayerIds, findRoundsByIds, type RoundRow } from './repositories/rounds.js';

/** Everything a resolver may use; built anew for each request so loaders never share a cache across requests. */
export interface UsersContext extends RequestScope {
  db: UsersDb;
  /** How long a guarded loop may run (LOOP_GUARD_MS). */
  loopGuardMs: number;
  playerById: DataLoader<number, PlayerRow>;
  roundById: DataLoader<string, RoundRow>;
  /** One loader per page size: `rounds(last: 5)` and `rounds(last: 10)` batch separately. */
  recentRoundsByPlayerId(last: number): DataLoader<number, RoundRow[]>;
}

export function createContext(db: UsersDb, scope: RequestScope, loopGuardMs: number): UsersContext {
  const recentRounds = new Map<number, DataLoader<number, RoundRow[]>>();
  return {
    ...scope,
    db,
    loopGuardMs,
    playerById: entityLoader(
      'player',
      (ids) => findPlayersByIds(db, ids),
      (row) => row.id,
      USERS_DATABASE,
    ),
    roundById: entityLoader(
      'round',
      (ids) => findRoundsByIds(db, ids),
      (row) => row.id,
      USERS_DATABASE,
    ),
    recentRoundsByPlayerId(last) {
      let loader = recentRounds.get(last);
      if (!loader) {
        loader = relationLoader(
          (ids) => findRecentRoundsByPlayerIds(db, ids, last),
          (row) => row.playerId,
          USERS_DATABASE,
          'recent rounds',
        );
        recentRounds.set(last, loader);
      }
      return loader;
    },
  };
}

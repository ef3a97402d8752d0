import type DataLoader from 'dataloader';
import { entityLoader } from '@trace-arcade/service-runtime';
import type { GameDb } from './database.js';
import type { RandomInt } from './game-rules.js';
import type { PaymentClient } from './payment-client.js';
import { findGamesByIds, type GameRow } from './repositories/games.js';
import type { RoundRecorder } from './round-recorder.js';

/** What lives as long as the process: pools and clients made once at start-up. */
export interface GameServices {
  db: GameDb;
  payments: PaymentClient;
  recorder: RoundRecorder;
  randomInt: RandomInt;
}

/** Everything a resolver may use; loaders are new for each request. */
export interface GameContext extends GameServices {
  gameById: DataLoader<string, GameRow>;
}

export function createContext(services: GameServices): GameContext {
  return {
    ...services,
    gameById: entityLoader(
      'game',
      (ids) => findGamesByIds(services.db, ids),
      (row) => row.id,
    ),
  };
}

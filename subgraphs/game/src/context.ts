import type DataLoader from 'dataloader';
import { entityLoader, type Logger, type RequestScope } from '@trace-arcade/service-runtime';
import type { BetWaits } from './bet-waits.js';
import { GAME_DATABASE, type GameDb } from './database.js';
import type { PaymentClient } from './payment-client.js';
import type { BetTimings } from './play-round.js';
import { findGamesByIds, type GameRow } from './repositories/games.js';
import type { RoundRecorder } from './round-recorder.js';

/** What lives as long as the process: pools and clients made once at start-up. */
export interface GameServices {
  db: GameDb;
  /** The small pool that bets' transactions take their connection from (scenario pool-exhaustion). */
  betDb: GameDb;
  payments: PaymentClient;
  recorder: RoundRecorder;
  /** cpu-rng, slow variant: primes searched per random number. */
  primeRngPrimes: number;
  /** How requests with the same idempotency key wait for each other (see play-round.ts). */
  bets: BetTimings;
  /** Wakes the requests waiting for a bet this process settles or releases. */
  betWaits: BetWaits;
  log: Logger;
}

/** Everything a resolver may use; loaders are new for each request. */
export interface GameContext extends GameServices, RequestScope {
  gameById: DataLoader<string, GameRow>;
}

export function createContext(services: GameServices, scope: RequestScope): GameContext {
  return {
    ...services,
    ...scope,
    gameById: entityLoader(
      'game',
      (ids) => findGamesByIds(services.db, ids),
      (row) => row.id,
      GAME_DATABASE,
    ),
  };
}

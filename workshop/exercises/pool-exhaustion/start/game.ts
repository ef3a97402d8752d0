/**
 * Workshop exercise `pool-exhaustion`: the transaction that keeps a bet's charge, on the small bet
 * pool (one connection by default). It runs for requests in mode `yours` (`npm run workshop --
 * check pool-exhaustion`, eight bets at once). It starts as the slow twin: keep eight concurrent
 * bets from queueing for the connection.
 */
import { fromDependency } from '@trace-arcade/service-runtime';
import { GAME_DATABASE, type GameDb } from '../database.js';
import type { BetDraw } from '../repositories/bets.js';
import { charge, lockAndSave, type ChargeSteps, type ClaimedBet } from '../scenarios/pool-exhaustion.js';

/**
 * Charges the claimed bet (`charge(steps)` calls the payment provider) and keeps the hold and the
 * draw on its row (`lockAndSave`, inside a transaction); undefined when another request took the bet over.
 */
export function chargeAndSaveBet(betDb: GameDb, bet: ClaimedBet, steps: ChargeSteps): Promise<BetDraw | undefined> {
  return fromDependency(GAME_DATABASE, () => betDb.transaction().execute((trx) => lockAndSave(trx, bet, () => charge(steps))));
}

/**
 * Workshop exercise `pool-exhaustion`: the transaction that keeps a bet's charge, on the small bet
 * pool. Reference fix: the charge needs no lock (the claim keeps other requests off the bet), so it
 * runs first, holding no connection; the transaction wraps the writes only.
 */
import { fromDependency } from '@trace-arcade/service-runtime';
import { GAME_DATABASE, type GameDb } from '../database.js';
import type { BetDraw } from '../repositories/bets.js';
import { charge, lockAndSave, type ChargeSteps, type ClaimedBet } from '../scenarios/pool-exhaustion.js';

/**
 * Charges the claimed bet (`charge(steps)` calls the payment provider) and keeps the hold and the
 * draw on its row (`lockAndSave`, inside a transaction); undefined when another request took the bet over.
 */
export async function chargeAndSaveBet(betDb: GameDb, bet: ClaimedBet, steps: ChargeSteps): Promise<BetDraw | undefined> {
  const charged = await charge(steps);
  return fromDependency(GAME_DATABASE, () => betDb.transaction().execute((trx) => lockAndSave(trx, bet, async () => charged)));
}

/**
 * Scenario `pool-exhaustion`: the transaction that keeps a bet's charge. It locks the bet's row
 * while the claim still holds and writes the hold and the draw. Its connection comes from the
 * small bet pool (BET_POOL_SIZE, 1 by default): both twins run the same statements in the same
 * transaction; they differ only in when it begins. The slow path sits above its fixed twin.
 */
import type { RequestScope } from '@trace-arcade/service-runtime';
import { fromDependency, runVariant } from '@trace-arcade/service-runtime';
import { GAME_DATABASE, type GameDb } from '../database.js';
import { lockClaimedBet, saveCharge, type BetDraw } from '../repositories/bets.js';
import * as yours from '../workshop/pool-exhaustion.js';

/** The bet this request claimed: its idempotency key and the claim's token. */
export interface ClaimedBet {
  key: string;
  token: string;
}

export interface ChargeSteps {
  /** Charges the bet at the payment provider (scenario payment-latency); returns the hold. */
  charge(): Promise<string>;
  /** The bet's draw: made now, or the one an earlier attempt kept. */
  draw(): BetDraw;
}

/** What the writes keep: the hold the charge placed and the draw. */
export interface Charged {
  authorizationId: string;
  draw: BetDraw;
}

/** Charges the bet at the payment provider, then draws. */
export async function charge(steps: ChargeSteps): Promise<Charged> {
  const authorizationId = await steps.charge();
  return { authorizationId, draw: steps.draw() };
}

/**
 * The transaction, in `trx`: lock the bet's row, get what to keep (`charged`), write it. The draw
 * when it was written; undefined when the claim was lost.
 */
export async function lockAndSave(trx: GameDb, bet: ClaimedBet, charged: () => Promise<Charged>): Promise<BetDraw | undefined> {
  if (!(await lockClaimedBet(trx, bet.key, bet.token))) return undefined;
  const { authorizationId, draw } = await charged();
  return (await saveCharge(trx, bet.key, bet.token, authorizationId, draw)) ? draw : undefined;
}

/**
 * Slow: the transaction begins first ("lock the bet, then charge it") and stays open while the
 * payment provider answers, so the bet holds one of the pool's few connections for the whole
 * charge, doing nothing with it. Bets that come meanwhile queue in the pool for a connection: with
 * 10 bets at once on one connection, the median bet waits for four others' charges.
 */
function chargeInsideTransaction(betDb: GameDb, bet: ClaimedBet, steps: ChargeSteps): Promise<BetDraw | undefined> {
  return fromDependency(GAME_DATABASE, () => betDb.transaction().execute((trx) => lockAndSave(trx, bet, () => charge(steps))));
}

/**
 * Fixed: the charge needs no lock (the claim keeps other requests off the bet, and the payment
 * idempotency key makes a repeated charge return the same hold), so it runs first, holding no
 * connection; the same transaction then wraps the writes only and gives its connection back
 * within milliseconds.
 */
async function chargeThenTransaction(betDb: GameDb, bet: ClaimedBet, steps: ChargeSteps): Promise<BetDraw | undefined> {
  const charged = await charge(steps);
  return fromDependency(GAME_DATABASE, () => betDb.transaction().execute((trx) => lockAndSave(trx, bet, async () => charged)));
}

/** Charges the claimed bet and keeps the hold and the draw on its row; undefined when another request took the bet over. */
export function chargeAndSaveBet(scope: RequestScope, betDb: GameDb, bet: ClaimedBet, steps: ChargeSteps): Promise<BetDraw | undefined> {
  return runVariant(scope, 'pool-exhaustion', {
    slow: () => chargeInsideTransaction(betDb, bet, steps),
    fixed: () => chargeThenTransaction(betDb, bet, steps),
    // The workshop attendee's version (src/workshop/pool-exhaustion.ts).
    yours: () => yours.chargeAndSaveBet(betDb, bet, steps),
  });
}

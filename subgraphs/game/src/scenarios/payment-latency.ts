/**
 * Scenario `payment-latency`: charging a bet through the third-party payment API. Five
 * independent calls: fraud, limit, balance and identity checks, and an authorization hold.
 * The slow path sits above its fixed twin.
 */
import type { RequestScope } from '@trace-arcade/service-runtime';
import { runVariant } from '@trace-arcade/service-runtime';
import { settleChecks, type Charge, type PaymentClient } from '../payment-client.js';
import * as yours from '../workshop/payment-latency.js';

/** Slow: each call awaited before the next starts, so the five latencies add up (5 x 600 ms by default). */
async function chargeSequentially(client: PaymentClient, charge: Charge): Promise<string> {
  const fraud = await client.fraudCheck(charge);
  const limits = await client.limitCheck(charge);
  const balance = await client.balanceCheck(charge);
  const identity = await client.identityCheck(charge);
  const authorization = await client.authorize(charge);
  return settleChecks(client, [fraud, limits, balance, identity], authorization);
}

/**
 * Fixed: the calls do not depend on each other, so they run at once and the bet costs about the
 * slowest single call. The hold is placed optimistically and voided if a check declines; the
 * bet's idempotency key means a retried request gets the same hold, never a second charge.
 */
async function chargeInParallel(client: PaymentClient, charge: Charge): Promise<string> {
  const [fraud, limits, balance, identity, authorization] = await Promise.allSettled([
    client.fraudCheck(charge),
    client.limitCheck(charge),
    client.balanceCheck(charge),
    client.identityCheck(charge),
    client.authorize(charge),
  ]);
  const failed = [fraud, limits, balance, identity, authorization].find((result) => result.status === 'rejected');
  if (failed) {
    // A check that failed (rather than declined) must not leave the hold in place.
    if (authorization.status === 'fulfilled' && authorization.value.status === 'approved') await client.void(authorization.value.id);
    throw failed.reason;
  }
  const value = <T>(result: PromiseSettledResult<T>) => (result as PromiseFulfilledResult<T>).value;
  return settleChecks(client, [value(fraud), value(limits), value(balance), value(identity)], value(authorization));
}

export function chargeBet(scope: RequestScope, client: PaymentClient, charge: Charge): Promise<string> {
  return runVariant(scope, 'payment-latency', {
    slow: () => chargeSequentially(client, charge),
    fixed: () => chargeInParallel(client, charge),
    // The workshop attendee's version (src/workshop/payment-latency.ts).
    yours: () => yours.chargeBet(client, charge),
  });
}

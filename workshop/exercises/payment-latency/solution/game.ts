/**
 * Workshop exercise `payment-latency`: charging a bet through the payment provider, five
 * independent calls. Reference fix: they run at once, so the bet costs about the slowest single
 * call; a hold placed while a check failed is voided.
 */
import { settleChecks, type Charge, type PaymentClient } from '../payment-client.js';

/** Charges the bet; returns the authorization hold's id, or fails with the check that declined. */
export async function chargeBet(client: PaymentClient, charge: Charge): Promise<string> {
  const [fraud, limits, balance, identity, authorization] = await Promise.allSettled([
    client.fraudCheck(charge),
    client.limitCheck(charge),
    client.balanceCheck(charge),
    client.identityCheck(charge),
    client.authorize(charge),
  ]);
  const failed = [fraud, limits, balance, identity, authorization].find((result) => result.status === 'rejected');
  if (failed) {
    if (authorization.status === 'fulfilled' && authorization.value.status === 'approved') await client.void(authorization.value.id);
    throw failed.reason;
  }
  const value = <T>(result: PromiseSettledResult<T>) => (result as PromiseFulfilledResult<T>).value;
  return settleChecks(client, [value(fraud), value(limits), value(balance), value(identity)], value(authorization));
}

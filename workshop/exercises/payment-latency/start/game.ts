/**
 * Workshop exercise `payment-latency`: charging a bet through the payment provider, five
 * independent calls. It runs for requests in mode `yours` (`npm run workshop -- check
 * payment-latency`). It starts as the slow twin: make the bet cost about one call, not five.
 */
import { settleChecks, type Charge, type PaymentClient } from '../payment-client.js';

/** Charges the bet; returns the authorization hold's id, or fails with the check that declined. */
export async function chargeBet(client: PaymentClient, charge: Charge): Promise<string> {
  const fraud = await client.fraudCheck(charge);
  const limits = await client.limitCheck(charge);
  const balance = await client.balanceCheck(charge);
  const identity = await client.identityCheck(charge);
  const authorization = await client.authorize(charge);
  return settleChecks(client, [fraud, limits, balance, identity], authorization);
}

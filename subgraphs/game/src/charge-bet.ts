import { settleChecks, type Charge, type PaymentClient } from './payment-client.js';

/**
 * Charges a bet: fraud, limit and balance checks plus an authorization hold.
 * The four calls are awaited one after another, so their latencies add up.
 */
export async function chargeBet(client: PaymentClient, charge: Charge): Promise<string> {
  const fraud = await client.fraudCheck(charge);
  const limits = await client.limitCheck(charge);
  const balance = await client.balanceCheck(charge);
  const authorization = await client.authorize(charge);
  return settleChecks(client, [fraud, limits, balance], authorization);
}

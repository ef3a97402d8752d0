import { createHash } from 'node:crypto';

/** Keeps round ids of this platform apart from any other name-based UUIDs made from the same keys. */
const ROUND_ID_NAMESPACE = 'trace-arcade/round/v1\n';

/**
 * The round id of a bet, derived from its idempotency key: every attempt of the same bet records
 * the same round, which the users subgraph records once. A name-based UUID (RFC 9562 version 8,
 * from SHA-256 as in its appendix B.2).
 */
export function roundIdFor(idempotencyKey: string): string {
  const bytes = createHash('sha256').update(ROUND_ID_NAMESPACE).update(idempotencyKey).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10xx
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The idempotency key of a bet's charge at the payment provider. The first attempt uses the bet's
 * key; once a hold was voided (the bet was refused and may be tried again) the provider would
 * answer that voided hold again, so each later attempt has a key of its own. `/` cannot occur in a
 * bet's key, so these never collide with another bet's.
 */
export function paymentKeyFor(idempotencyKey: string, chargeAttempt: number): string {
  return chargeAttempt === 1 ? idempotencyKey : `${idempotencyKey}/${chargeAttempt}`;
}

import { graphQLError } from '@trace-arcade/service-runtime';
import { DEFAULT_TIMEOUT_MS, requestJson } from './http-json.js';

export interface Charge {
  playerId: number;
  amountCents: number;
  /** One key per bet: the provider answers a repeated authorization with the first one. */
  idempotencyKey: string;
}

interface CheckResult {
  approved: boolean;
  reason?: string;
}

interface Authorization {
  id: string;
  /** A repeated idempotency key gets the first hold back as it is now: `voided` once it was voided. */
  status: 'approved' | 'declined' | 'voided';
}

/** How errors name this dependency to clients, logs and Sentry. */
export const PAYMENT_PROVIDER = 'payment provider';
const SERVICE = PAYMENT_PROVIDER;

/**
 * The payment provider's API: four independent checks and an authorization hold. Each call must
 * answer within `timeoutMs`; a provider that is down or slower than that is UPSTREAM_UNAVAILABLE
 * naming the payment provider (http-json.ts).
 */
export class PaymentClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  async fraudCheck(charge: Charge): Promise<CheckResult> {
    const { body } = await requestJson<CheckResult>(SERVICE, `${this.baseUrl}/v1/fraud-checks`, {
      timeoutMs: this.timeoutMs,
      method: 'POST',
      body: { playerId: charge.playerId, amountCents: charge.amountCents },
    });
    return body;
  }

  async limitCheck(charge: Charge): Promise<CheckResult> {
    const { body } = await requestJson<CheckResult>(SERVICE, `${this.baseUrl}/v1/limit-checks`, {
      timeoutMs: this.timeoutMs,
      method: 'POST',
      body: { playerId: charge.playerId, amountCents: charge.amountCents },
    });
    return body;
  }

  async balanceCheck(charge: Charge): Promise<CheckResult> {
    const { body } = await requestJson<{ availableCents: number }>(SERVICE, `${this.baseUrl}/v1/accounts/${charge.playerId}/balance`, {
      timeoutMs: this.timeoutMs,
      method: 'GET',
    });
    return body.availableCents >= charge.amountCents
      ? { approved: true }
      : { approved: false, reason: `available ${body.availableCents} cents is below the bet` };
  }

  async identityCheck(charge: Charge): Promise<CheckResult> {
    const { body } = await requestJson<CheckResult>(SERVICE, `${this.baseUrl}/v1/identity-checks`, {
      timeoutMs: this.timeoutMs,
      method: 'POST',
      body: { playerId: charge.playerId, amountCents: charge.amountCents },
    });
    return body;
  }

  async authorize(charge: Charge): Promise<Authorization> {
    const { body } = await requestJson<Authorization>(SERVICE, `${this.baseUrl}/v1/authorizations`, {
      timeoutMs: this.timeoutMs,
      method: 'POST',
      body: { playerId: charge.playerId, amountCents: charge.amountCents },
      headers: { 'idempotency-key': charge.idempotencyKey },
    });
    return body;
  }

  async void(authorizationId: string): Promise<void> {
    await requestJson(SERVICE, `${this.baseUrl}/v1/authorizations/${encodeURIComponent(authorizationId)}`, {
      timeoutMs: this.timeoutMs,
      method: 'DELETE',
    });
  }
}

/** Turns the provider's answers into one decision; a declined check voids the hold. */
export async function settleChecks(client: PaymentClient, checks: CheckResult[], authorization: Authorization): Promise<string> {
  const declined = checks.find((check) => !check.approved);
  if (declined || authorization.status !== 'approved') {
    if (authorization.status === 'approved') await client.void(authorization.id);
    throw graphQLError('PAYMENT_DECLINED', `the payment provider declined the bet: ${declined?.reason ?? 'authorization declined'}`);
  }
  return authorization.id;
}

import { randomUUID } from 'node:crypto';

export interface Authorization {
  id: string;
  playerId: number;
  amountCents: number;
  status: 'approved' | 'voided';
}

/** Authorization holds, each stored under the caller's idempotency key: a repeated request gets the first hold. */
export class AuthorizationBook {
  readonly #byKey = new Map<string, Authorization>();
  readonly #byId = new Map<string, Authorization>();

  authorize(idempotencyKey: string, playerId: number, amountCents: number): { authorization: Authorization; replayed: boolean } {
    const existing = this.#byKey.get(idempotencyKey);
    if (existing) return { authorization: existing, replayed: true };
    const authorization: Authorization = { id: `auth_${randomUUID()}`, playerId, amountCents, status: 'approved' };
    this.#byKey.set(idempotencyKey, authorization);
    this.#byId.set(authorization.id, authorization);
    return { authorization, replayed: false };
  }

  void(id: string): Authorization | undefined {
    const authorization = this.#byId.get(id);
    if (authorization) authorization.status = 'voided';
    return authorization;
  }

  /** How many distinct holds were made: a retried bet must not add one. */
  get count(): number {
    return this.#byId.size;
  }
}

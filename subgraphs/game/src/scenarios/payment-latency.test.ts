import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { ScenarioSelection, scenarioDefaults } from '@trace-arcade/scenarios';
import { RequestCost, type RequestScope } from '@trace-arcade/service-runtime';
import { PaymentClient, type Charge } from '../payment-client.js';
import { chargeBet } from './payment-latency.js';

/** A payment client whose every call takes 20 ms and whose answers the test chooses. */
class ScriptedPaymentClient extends PaymentClient {
  readonly calls: string[] = [];
  readonly voided: string[] = [];

  constructor(private readonly script: { failFraudCheck?: boolean; declineLimits?: boolean } = {}) {
    super('http://127.0.0.1:1');
  }

  async #call<T>(name: string, answer: () => T): Promise<T> {
    this.calls.push(`${name}:start`);
    await sleep(20);
    this.calls.push(`${name}:end`);
    return answer();
  }

  override fraudCheck = () =>
    this.#call('fraud', () => {
      if (this.script.failFraudCheck)
        throw new GraphQLError('payment provider did not answer', { extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
      return { approved: true };
    });
  override limitCheck = () =>
    this.#call('limits', () => (this.script.declineLimits ? { approved: false, reason: 'over the limit' } : { approved: true }));
  override balanceCheck = () => this.#call('balance', () => ({ approved: true }));
  override identityCheck = () => this.#call('identity', () => ({ approved: true }));
  override authorize = () => this.#call('authorize', () => ({ id: 'auth_1', status: 'approved' as const }));
  override void = async (id: string) => {
    this.voided.push(id);
  };
}

const charge: Charge = { playerId: 1, amountCents: 100, idempotencyKey: 'bet-00000001' };
const scope = (mode: 'slow' | 'fixed'): RequestScope => ({
  scenarios: new ScenarioSelection(scenarioDefaults(undefined), `payment-latency=${mode}`),
  cost: new RequestCost({}),
});

test('slow makes the five calls one after another; fixed makes them at once', async () => {
  const slow = new ScriptedPaymentClient();
  assert.equal(await chargeBet(scope('slow'), slow, charge), 'auth_1');
  assert.deepEqual(slow.calls.filter((call) => call.endsWith(':start')).length, 5);
  for (let i = 0; i < slow.calls.length; i += 2) assert.match(slow.calls[i + 1]!, /:end$/, 'each call ends before the next starts');

  const fixed = new ScriptedPaymentClient();
  assert.equal(await chargeBet(scope('fixed'), fixed, charge), 'auth_1');
  assert.deepEqual(
    fixed.calls.slice(0, 5).map((call) => call.split(':')[1]),
    ['start', 'start', 'start', 'start', 'start'],
  );
});

test('a declined check voids the hold in both variants', async () => {
  for (const mode of ['slow', 'fixed'] as const) {
    const client = new ScriptedPaymentClient({ declineLimits: true });
    await assert.rejects(chargeBet(scope(mode), client, charge), (error: unknown) => {
      return error instanceof GraphQLError && error.extensions['code'] === 'PAYMENT_DECLINED' && /over the limit/.test(error.message);
    });
    assert.deepEqual(client.voided, ['auth_1'], `${mode} voids the hold`);
  }
});

test('a check that fails while the hold is placed in parallel does not leave the hold', async () => {
  const client = new ScriptedPaymentClient({ failFraudCheck: true });
  await assert.rejects(chargeBet(scope('fixed'), client, charge), /payment provider did not answer/);
  assert.deepEqual(client.voided, ['auth_1']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paymentKeyFor, roundIdFor } from './bet-keys.js';

test('a bet key always gives the same round id, a version 8 UUID; different keys give different ids', () => {
  const id = roundIdFor('e2e-roulette-0001');
  assert.equal(roundIdFor('e2e-roulette-0001'), id);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(roundIdFor('e2e-roulette-0002'), id);
});

test('the first charge of a bet uses its key; each attempt after a voided hold gets its own', () => {
  assert.equal(paymentKeyFor('bet-00000001', 1), 'bet-00000001');
  assert.equal(paymentKeyFor('bet-00000001', 2), 'bet-00000001/2');
});

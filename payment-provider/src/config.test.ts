import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadServiceConfig } from './config.js';

test('PAYMENT_LATENCY_MS: 600 ms by default, capped at 2 s so that the slow variant stays within the gateway timeout', () => {
  assert.equal(loadServiceConfig({}).PAYMENT_LATENCY_MS, 600);
  assert.equal(loadServiceConfig({ PAYMENT_LATENCY_MS: '2000' }).PAYMENT_LATENCY_MS, 2000);
  assert.throws(
    () => loadServiceConfig({ PAYMENT_LATENCY_MS: '2001' }),
    /PAYMENT_LATENCY_MS: expected a whole number from 0 to 2000; got "2001"/,
  );
});

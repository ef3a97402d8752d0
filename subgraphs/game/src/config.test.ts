import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadServiceConfig as loadWith } from './config.js';

/** The required token plus `env`. */
const loadServiceConfig = (env: NodeJS.ProcessEnv) => loadWith({ INTERNAL_API_TOKEN: 't'.repeat(32), ...env });

test('the caps on scenario intensity: PRIME_RNG_PRIMES at most 100,000, SLOW_VARIANT_CONCURRENCY 8 by default', () => {
  const config = loadServiceConfig({});
  assert.equal(config.PRIME_RNG_PRIMES, 50_000);
  assert.equal(config.SLOW_VARIANT_CONCURRENCY, 8);
  assert.equal(config.REQUEST_BODY_LIMIT_BYTES, 1_048_576);
  assert.equal(loadServiceConfig({ PRIME_RNG_PRIMES: '100000' }).PRIME_RNG_PRIMES, 100_000);
  assert.throws(
    () => loadServiceConfig({ PRIME_RNG_PRIMES: '100001' }),
    /PRIME_RNG_PRIMES: expected a whole number from 1 to 100000; got "100001"/,
  );
});

test('BET_POOL_SIZE: one connection by default, from 1 to 20; BET_POOL_TIMEOUT_MS 10 s by default', () => {
  const config = loadServiceConfig({});
  assert.equal(config.BET_POOL_SIZE, 1);
  assert.equal(config.BET_POOL_TIMEOUT_MS, 10_000);
  assert.equal(loadServiceConfig({ BET_POOL_SIZE: '3' }).BET_POOL_SIZE, 3);
  assert.throws(() => loadServiceConfig({ BET_POOL_SIZE: '0' }), /BET_POOL_SIZE: expected a whole number from 1 to 20; got "0"/);
  assert.throws(
    () => loadServiceConfig({ BET_POOL_TIMEOUT_MS: '50' }),
    /BET_POOL_TIMEOUT_MS: expected a whole number from 100 to 60000; got "50"/,
  );
});

test('INTERNAL_API_TOKEN is required: without it the service does not start', () => {
  assert.throws(
    () => loadWith({}),
    /INTERNAL_API_TOKEN: expected the internal API token the services share \(at least 32 characters\); got nothing/,
  );
});

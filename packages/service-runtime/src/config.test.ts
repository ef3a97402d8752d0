import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import {
  bodyLimitVariable,
  loadConfig,
  slowVariantConcurrencyVariable,
  slowVariantCpuBudgetVariable,
  slowVariantCpuWindowVariable,
} from './config.js';

const load = (env: NodeJS.ProcessEnv) =>
  loadConfig(
    z.object({ REQUEST_BODY_LIMIT_BYTES: bodyLimitVariable(1_048_576), SLOW_VARIANT_CONCURRENCY: slowVariantConcurrencyVariable() }),
    env,
  );

test('REQUEST_BODY_LIMIT_BYTES and SLOW_VARIANT_CONCURRENCY: defaults 1 MiB and 4', () => {
  assert.deepEqual(load({}), { REQUEST_BODY_LIMIT_BYTES: 1_048_576, SLOW_VARIANT_CONCURRENCY: 4 });
  assert.deepEqual(load({ REQUEST_BODY_LIMIT_BYTES: '2048', SLOW_VARIANT_CONCURRENCY: '1' }), {
    REQUEST_BODY_LIMIT_BYTES: 2048,
    SLOW_VARIANT_CONCURRENCY: 1,
  });
});

test('out of range, they name the variable, the range and what arrived', () => {
  assert.throws(() => load({ SLOW_VARIANT_CONCURRENCY: '0' }), /SLOW_VARIANT_CONCURRENCY: expected a whole number from 1 to 1000; got "0"/);
  assert.throws(
    () => load({ REQUEST_BODY_LIMIT_BYTES: '100' }),
    /REQUEST_BODY_LIMIT_BYTES: expected a whole number from 1024 to 67108864; got "100"/,
  );
});

test('SLOW_VARIANT_CPU_BUDGET_MS and SLOW_VARIANT_CPU_WINDOW_MS: defaults as given, a window always longer than the largest budget', () => {
  const load = (env: NodeJS.ProcessEnv) =>
    loadConfig(
      z.object({
        SLOW_VARIANT_CPU_BUDGET_MS: slowVariantCpuBudgetVariable(1000),
        SLOW_VARIANT_CPU_WINDOW_MS: slowVariantCpuWindowVariable(60_000),
      }),
      env,
    );
  assert.deepEqual(load({}), { SLOW_VARIANT_CPU_BUDGET_MS: 1000, SLOW_VARIANT_CPU_WINDOW_MS: 60_000 });
  assert.throws(
    () => load({ SLOW_VARIANT_CPU_BUDGET_MS: '0' }),
    /SLOW_VARIANT_CPU_BUDGET_MS: expected a whole number from 1 to 10000; got "0"/,
  );
  assert.throws(
    () => load({ SLOW_VARIANT_CPU_WINDOW_MS: '5000' }),
    /SLOW_VARIANT_CPU_WINDOW_MS: expected a whole number from 10000 to 3600000; got "5000"/,
  );
});

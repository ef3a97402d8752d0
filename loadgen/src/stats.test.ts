import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoadStats } from './stats.js';

test('rows per scenario and mode count errors and refusals apart from the latencies of successes', () => {
  const stats = new LoadStats();
  for (const ms of [10, 20, 30, 40]) stats.record({ scenario: 'n-plus-one', mode: 'fixed', ms });
  for (const ms of [100, 300, 200]) stats.record({ scenario: 'n-plus-one', mode: 'slow', ms });
  stats.record({ scenario: 'n-plus-one', mode: 'slow', ms: 5000, error: 'HTTP 500' });
  stats.record({ scenario: 'n-plus-one', mode: 'slow', ms: 5, error: 'HTTP 502' });
  stats.record({ scenario: 'cpu-rng', mode: 'fixed', ms: 1, error: 'no answer within 30000 ms' });
  stats.record({ scenario: 'n-plus-one', mode: 'slow', ms: 3, refused: true });

  assert.deepEqual(stats.summary(), [
    {
      scenario: 'cpu-rng',
      mode: 'fixed',
      count: 1,
      errors: 1,
      refused: 0,
      p50Ms: null,
      p95Ms: null,
      firstError: 'no answer within 30000 ms',
    },
    { scenario: 'n-plus-one', mode: 'slow', count: 6, errors: 2, refused: 1, p50Ms: 200, p95Ms: 300, firstError: 'HTTP 500' },
    { scenario: 'n-plus-one', mode: 'fixed', count: 4, errors: 0, refused: 0, p50Ms: 20, p95Ms: 40 },
  ]);
  assert.deepEqual(stats.totals(), { count: 11, errors: 3 });
});

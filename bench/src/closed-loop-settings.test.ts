import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closedLoopSettings } from './closed-loop-settings.js';

test('the variables are named by the prefix, with the same defaults and ranges for every benchmark', () => {
  assert.deepEqual(closedLoopSettings({}, 'BENCH_X'), { clients: 4, seconds: 12, warmUpSeconds: 3, passes: 2 });
  assert.deepEqual(
    closedLoopSettings({ BENCH_X_CLIENTS: '32', BENCH_X_SECONDS: '2', BENCH_X_PASSES: '4', BENCH_Y_PASSES: '9' }, 'BENCH_X'),
    {
      clients: 32,
      seconds: 2,
      warmUpSeconds: 3,
      passes: 4,
    },
  );
  assert.throws(
    () => closedLoopSettings({ BENCH_X_PASSES: '5' }, 'BENCH_X'),
    /BENCH_X_PASSES: expected a whole number from 1 to 4; got "5"/,
  );
});

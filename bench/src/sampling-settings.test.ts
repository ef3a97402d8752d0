import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_FIXED, SAMPLING_ROWS, samplingSchedule, samplingSettings, tracingEnvironment } from './sampling-settings.js';

test('the rows: a baseline without DSN, then rates 1, 0.1 and 0 sent to the sink', () => {
  assert.deepEqual(
    SAMPLING_ROWS.map((row) => row.sampleRate),
    [null, 1, 0.1, 0],
  );
  const dsn = 'http://publickey@127.0.0.1:9/1';
  assert.deepEqual(tracingEnvironment(SAMPLING_ROWS[0]!, dsn), { SENTRY_DSN: '', SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: '0' });
  assert.deepEqual(tracingEnvironment(SAMPLING_ROWS[2]!, dsn), { SENTRY_DSN: dsn, SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: '0.1' });
});

test('every scenario is asked for its fixed variant', () => {
  assert.equal(
    ALL_FIXED,
    'n-plus-one=fixed,cpu-rng=fixed,slow-aggregation=fixed,payment-latency=fixed,regex-backtracking=fixed,federation-waterfall=fixed,pool-exhaustion=fixed,memory-leak=fixed,infinite-loop=fixed',
  );
});

test('settings: defaults, and a bad value named with what arrived', () => {
  assert.deepEqual(samplingSettings({}), { clients: 4, seconds: 12, warmUpSeconds: 3, passes: 2 });
  assert.deepEqual(samplingSettings({ BENCH_SAMPLING_CLIENTS: '8', BENCH_SAMPLING_SECONDS: '5', BENCH_SAMPLING_PASSES: '1' }), {
    clients: 8,
    seconds: 5,
    warmUpSeconds: 3,
    passes: 1,
  });
  assert.throws(
    () => samplingSettings({ BENCH_SAMPLING_SECONDS: '600' }),
    /BENCH_SAMPLING_SECONDS: expected a whole number from 2 to 120; got "600"/,
  );
  assert.throws(
    () => samplingSettings({ BENCH_SAMPLING_CLIENTS: 'four' }),
    /BENCH_SAMPLING_CLIENTS: expected a whole number from 1 to 32; got "four"/,
  );
});

test('the schedule runs the rows forward, then backward, so that drift weighs on every row alike', () => {
  const order = samplingSchedule(['a', 'b', 'c'], 3).map(({ row, pass }) => `${row}${pass}`);
  assert.deepEqual(order, ['a0', 'b0', 'c0', 'c1', 'b1', 'a1', 'a2', 'b2', 'c2']);
});

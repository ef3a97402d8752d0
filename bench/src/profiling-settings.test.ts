import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROFILING_ROWS, profilingEnvironment, profilingSettings } from './profiling-settings.js';

test('the rows differ only in their tracing and profiling rates, and the first row profiles nothing', () => {
  assert.equal(PROFILING_ROWS[0]!.profileSessionSampleRate, 0);
  const environments = PROFILING_ROWS.map((row) => profilingEnvironment(row, 'http://k@127.0.0.1:1/1'));
  for (const [index, env] of environments.entries()) {
    assert.deepEqual(Object.keys(env).sort(), [
      'SENTRY_DSN',
      'SENTRY_PROFILE_SESSION_SAMPLE_RATE',
      'SENTRY_SPOTLIGHT',
      'SENTRY_TRACES_SAMPLE_RATE',
    ]);
    assert.equal(env['SENTRY_PROFILE_SESSION_SAMPLE_RATE'], String(PROFILING_ROWS[index]!.profileSessionSampleRate));
    assert.equal(env['SENTRY_SPOTLIGHT'], '');
  }
});

test('settings: defaults, and a malformed variable named with what arrived', () => {
  assert.deepEqual(profilingSettings({}), { clients: 4, seconds: 12, warmUpSeconds: 3, passes: 2 });
  assert.equal(profilingSettings({ BENCH_PROFILING_SECONDS: '30' }).seconds, 30);
  assert.throws(
    () => profilingSettings({ BENCH_PROFILING_PASSES: '9' }),
    /BENCH_PROFILING_PASSES: expected a whole number from 1 to 4; got "9"/,
  );
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { REPO_ROOT } from '@trace-arcade/stack';

/** Starts a service's real entry point (with its instrumentation) and returns how it ended. */
function startService(dir: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', './dist/instrument.js', 'dist/main.js'], {
    cwd: `${REPO_ROOT}/${dir}`,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

test('a malformed variable stops the service at start-up with one line naming it, no stack trace', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['subgraphs/users', { PORT: 'abc' }, /PORT: expected a port number; got "abc"/],
    [
      'subgraphs/users',
      { DATABASE_URL: 'mysql://localhost/users' },
      /DATABASE_URL: expected a postgres or postgresql URL; got "mysql:\/\/localhost\/users"/,
    ],
    ['subgraphs/analytics', { MONGO_URL: 'not a url' }, /MONGO_URL: expected a mongodb or mongodb\+srv URL/],
    [
      'subgraphs/game',
      { INTERNAL_API_TOKEN: 'short' },
      /INTERNAL_API_TOKEN: expected the internal API token the services share \(at least 32 characters\); got "short"/,
    ],
    ['gateway', { SCENARIO_DEFAULTS: 'cpu-rng=sometimes' }, /SCENARIO_DEFAULTS: expected cpu-rng=slow\|fixed; got "cpu-rng=sometimes"/],
    ['payment-provider', { SENTRY_TRACES_SAMPLE_RATE: '2' }, /SENTRY_TRACES_SAMPLE_RATE: expected a number from 0 to 1; got "2"/],
  ];
  for (const [dir, env, message] of cases) {
    const result = startService(dir, env);
    assert.equal(result.status, 1, `${dir} with ${JSON.stringify(env)} exits 1; stderr: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadServiceConfig } from './config.js';

test('CORS_ORIGINS defaults to the panel dev server on localhost and 127.0.0.1', () => {
  assert.deepEqual(loadServiceConfig({}).CORS_ORIGINS, ['http://localhost:5173', 'http://127.0.0.1:5173']);
});

test('CORS_ORIGINS takes a comma-separated list of origins, spaces and repeats ignored', () => {
  const config = loadServiceConfig({ CORS_ORIGINS: 'https://panel.example.org, http://localhost:8080,https://panel.example.org' });
  assert.deepEqual(config.CORS_ORIGINS, ['https://panel.example.org', 'http://localhost:8080']);
});

test('CORS_ORIGINS refuses what is not an http(s) origin, naming the variable and the entry', () => {
  for (const value of [
    'localhost:5173',
    'http://localhost:5173/',
    'http://localhost:5173/panel',
    'ftp://example.org',
    '',
    'http://a.test,,',
  ]) {
    assert.throws(
      () => loadServiceConfig({ CORS_ORIGINS: value }),
      (error: Error) => {
        assert.match(error.message, /CORS_ORIGINS: expected comma-separated http\(s\) origins/);
        assert.ok(error.message.includes(`got ${JSON.stringify(value)}`), error.message);
        return true;
      },
    );
  }
});

test('the telemetry variables are read as instrument.ts reads them', () => {
  const config = loadServiceConfig({ SENTRY_DSN: 'http://spotlight@localhost:8969/0', SENTRY_TRACES_SAMPLE_RATE: '0.1' });
  assert.equal(config.SENTRY_DSN, 'http://spotlight@localhost:8969/0');
  assert.equal(config.SENTRY_TRACES_SAMPLE_RATE, 0.1);
  assert.equal(loadServiceConfig({}).SENTRY_TRACES_SAMPLE_RATE, 1);
  assert.equal(loadServiceConfig({ SENTRY_DSN: '' }).SENTRY_DSN, undefined);
  assert.throws(
    () => loadServiceConfig({ SENTRY_TRACES_SAMPLE_RATE: '2' }),
    /SENTRY_TRACES_SAMPLE_RATE: expected a number from 0 to 1; got "2"/,
  );
});

test('the limits: defaults, and a value out of range names the variable, the range and what arrived', () => {
  const config = loadServiceConfig({});
  assert.deepEqual(
    {
      depth: config.MAX_QUERY_DEPTH,
      cost: config.MAX_QUERY_COST,
      aliases: config.MAX_QUERY_ALIASES,
      directives: config.MAX_QUERY_DIRECTIVES,
      tokens: config.MAX_QUERY_TOKENS,
      body: config.REQUEST_BODY_LIMIT_BYTES,
      timeouts: [config.USERS_TIMEOUT_MS, config.GAME_TIMEOUT_MS, config.ANALYTICS_TIMEOUT_MS],
    },
    { depth: 8, cost: 5000, aliases: 15, directives: 20, tokens: 1000, body: 102_400, timeouts: [10_000, 15_000, 15_000] },
  );
  assert.equal(loadServiceConfig({ MAX_QUERY_COST: '20000', GAME_TIMEOUT_MS: '30000' }).MAX_QUERY_COST, 20_000);
  assert.throws(() => loadServiceConfig({ MAX_QUERY_DEPTH: '0' }), /MAX_QUERY_DEPTH: expected a whole number from 1 to 100; got "0"/);
  assert.throws(
    () => loadServiceConfig({ GAME_TIMEOUT_MS: 'soon' }),
    /GAME_TIMEOUT_MS: expected a whole number from 100 to 300000; got "soon"/,
  );
  assert.throws(
    () => loadServiceConfig({ REQUEST_BODY_LIMIT_BYTES: '1mb' }),
    /REQUEST_BODY_LIMIT_BYTES: expected a whole number from 1024 to 67108864; got "1mb"/,
  );
});

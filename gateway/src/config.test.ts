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

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '@trace-arcade/service-runtime';
import { loadLoadgenConfig } from './config.js';

test('defaults drive the local gateway gently', () => {
  const config = loadLoadgenConfig({});
  assert.equal(config.GATEWAY_URL, 'http://127.0.0.1:4000');
  assert.equal(config.LOAD_RATE, 5);
  assert.equal(config.LOAD_DURATION_S, 60);
  assert.equal(config.LOAD_MAX_REQUESTS, 1000);
  assert.equal(config.LOAD_SLOW_SHARE, 0.5);
  assert.equal(config.LOAD_SCENARIOS, undefined);
  assert.equal(config.LOAD_ALLOW_REMOTE, false);
});

test('loopback gateways are accepted', () => {
  for (const url of ['http://localhost:4000', 'http://127.0.0.1:4000', 'http://127.8.9.10', 'http://[::1]:4000']) {
    assert.equal(loadLoadgenConfig({ GATEWAY_URL: url }).GATEWAY_URL, url);
  }
});

test('another host is refused unless LOAD_ALLOW_REMOTE=true, and the message names the variable', () => {
  for (const url of ['http://trace-arcade-gateway:4000', 'http://10.0.0.7:4000', 'https://example.com', 'http://127.0.0.1.example.com']) {
    assert.throws(
      () => loadLoadgenConfig({ GATEWAY_URL: url }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message.includes('GATEWAY_URL: expected a loopback URL') &&
        error.message.includes('LOAD_ALLOW_REMOTE=true') &&
        error.message.includes(JSON.stringify(url)),
    );
  }
  const config = loadLoadgenConfig({ GATEWAY_URL: 'http://trace-arcade-gateway:4000', LOAD_ALLOW_REMOTE: 'true' });
  assert.equal(config.GATEWAY_URL, 'http://trace-arcade-gateway:4000');
});

test('malformed values name their variable, what was expected and what arrived', () => {
  assert.throws(() => loadLoadgenConfig({ LOAD_SLOW_SHARE: '1.5' }), /LOAD_SLOW_SHARE: expected a share from 0 to 1; got "1.5"/);
  assert.throws(() => loadLoadgenConfig({ LOAD_RATE: '0' }), /LOAD_RATE: expected more than 0 requests per second; got "0"/);
  assert.throws(() => loadLoadgenConfig({ LOAD_DURATION_S: '2.5' }), /LOAD_DURATION_S: expected whole seconds; got "2.5"/);
  assert.throws(() => loadLoadgenConfig({ LOAD_ALLOW_REMOTE: 'yes' }), /LOAD_ALLOW_REMOTE: expected true or false; got "yes"/);
});

test('LOAD_SCENARIOS is a comma-separated list', () => {
  assert.deepEqual(loadLoadgenConfig({ LOAD_SCENARIOS: ' n-plus-one, cpu-rng ,' }).LOAD_SCENARIOS, ['n-plus-one', 'cpu-rng']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { npmStartEnv } from './npm-start-env.js';

const PORT_VARIABLES = [
  'POSTGRES_PORT',
  'MONGO_PORT',
  'GATEWAY_PORT',
  'USERS_PORT',
  'GAME_PORT',
  'ANALYTICS_PORT',
  'PAYMENT_PROVIDER_PORT',
  'SPOTLIGHT_PORT',
  'WEB_PORT',
];

test("every port its own, the caller's databases and DSN not passed on, overrides last", { timeout: 10_000 }, async () => {
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATABASE_URL: 'postgres://elsewhere/db',
    MONGO_URL: 'mongodb://elsewhere',
    SENTRY_DSN: 'https://k@example.invalid/1',
  });
  try {
    const { env, ports } = await npmStartEnv({ SEED_PLAYERS: '20', SPOTLIGHT_PORT: undefined });
    const used = PORT_VARIABLES.filter((name) => name !== 'SPOTLIGHT_PORT').map((name) => Number(env[name]));
    assert.ok(
      used.every((port) => Number.isInteger(port) && port > 0),
      JSON.stringify(used),
    );
    assert.equal(new Set(used).size, used.length, 'no two services share a port');
    assert.equal(env['GATEWAY_PORT'], String(ports.gateway));
    assert.equal(env['SPOTLIGHT_PORT'], undefined, 'an override set to undefined removes the variable');
    assert.equal(env['SEED_PLAYERS'], '20');
    assert.equal(env['MONGO_SERVER'], 'standin');
    for (const name of ['DATABASE_URL', 'MONGO_URL', 'SENTRY_DSN']) assert.equal(env[name], undefined, name);
    assert.equal(process.env['DATABASE_URL'], 'postgres://elsewhere/db', "the caller's own environment is left alone");
  } finally {
    for (const name of ['DATABASE_URL', 'MONGO_URL', 'SENTRY_DSN']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
});

/**
 * `/internal/*` (the game subgraph reporting a played round to users and analytics) is for the
 * services alone: the gateway answers it with a 404 JSON error and forwards nothing. A valid round
 * is sent every way a client might try; afterwards neither the users database nor analytics' MongoDB
 * holds it. As a control, the same round sent to the users subgraph directly is recorded, so the
 * check would see a round that got through.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { startTestStack, type TestStack } from './test-stack.js';

let stack: TestStack;

before(async () => {
  stack = await startTestStack({ players: 5, rounds: 50 });
});
after(async () => {
  await stack?.stop();
});

function round() {
  return {
    id: randomUUID(),
    playerId: 1,
    gameId: 'dice-classic',
    gameKind: 'DICE',
    betCents: 10,
    payoutCents: 0,
    outcome: 'loss',
    playedAt: new Date().toISOString(),
  };
}

async function usersHasRound(id: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: stack.databases.usersDatabaseUrl });
  await client.connect();
  try {
    return (await client.query('select 1 from rounds where id = $1', [id])).rowCount === 1;
  } finally {
    await client.end();
  }
}

async function analyticsHasRound(id: string): Promise<boolean> {
  const client = new MongoClient(stack.databases.mongoUrl);
  try {
    const found = await client.db(stack.databases.mongoDatabase).collection<{ _id: string }>('rounds').findOne({ _id: id });
    return found !== null;
  } finally {
    await client.close();
  }
}

test('every way to /internal/* through the gateway is a 404 JSON error, and no round reaches users or analytics', async () => {
  const body = round();
  const attempts: { method: string; path: string }[] = [
    { method: 'POST', path: '/internal/rounds' },
    { method: 'GET', path: '/internal/rounds' },
    { method: 'GET', path: '/internal' },
    { method: 'GET', path: '/internal/' },
    { method: 'PUT', path: '/internal/rounds' },
    { method: 'POST', path: '/INTERNAL/rounds' },
    { method: 'POST', path: '/%69nternal/rounds' },
    { method: 'POST', path: '/graphql/../internal/rounds' },
    { method: 'POST', path: '/internal/rounds?subgraph=users' },
  ];
  for (const { method, path } of attempts) {
    const response = await fetch(`${stack.gatewayUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const what = `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`;
    assert.equal(response.status, 404, what);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/, what);
    const answer = JSON.parse(text) as { code?: string; message?: string; errors?: { extensions?: { code?: string } }[] };
    const code = answer.code ?? answer.errors?.[0]?.extensions?.code;
    assert.equal(code, 'NOT_FOUND', what);
  }
  assert.equal(await usersHasRound(body.id), false, 'the round reached the users database');
  assert.equal(await analyticsHasRound(body.id), false, "the round reached analytics' MongoDB");

  // The control: sent to the users subgraph itself, the same round is recorded.
  const direct = await fetch(`http://127.0.0.1:${stack.ports.users}/internal/rounds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(direct.status, 201, await direct.text());
  assert.equal(await usersHasRound(body.id), true, 'the check sees a recorded round');
});

test('an unknown route is a 404 JSON error that names what arrived, on every service', async () => {
  for (const [service, port] of Object.entries(stack.ports)) {
    const response = await fetch(`http://127.0.0.1:${port}/no/such/route`, { method: 'POST' });
    const text = await response.text();
    assert.equal(response.status, 404, `${service}: ${text}`);
    const answer = JSON.parse(text) as { code?: string; message?: string };
    assert.equal(answer.code, 'NOT_FOUND', `${service}: ${text}`);
    assert.match(answer.message ?? '', /POST \/no\/such\/route/, `${service}: ${text}`);
  }
});

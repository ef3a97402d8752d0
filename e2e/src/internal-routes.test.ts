/**
 * `/internal/*` (the game subgraph reporting a played round to users and analytics) is for the
 * services alone: the gateway answers it with a 404 JSON error and forwards nothing, and the
 * subgraphs themselves answer only a caller with the token the services share, under their own host
 * names, with a round the game's rules allow. A valid round is sent every way a client might try;
 * afterwards neither the users database nor analytics' MongoDB holds it. As a control, the same
 * round sent with the token is recorded, so the check would see a round that got through.
 */
import { request } from 'node:http';
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

  // Straight to the subgraphs, without the token: 401, nothing recorded.
  for (const service of ['users', 'analytics'] as const) {
    const answer = await postInternal(stack.ports[service], body, {});
    assert.equal(answer.status, 401, `${service}: ${answer.text}`);
    assert.equal((JSON.parse(answer.text) as { code: string }).code, 'UNAUTHENTICATED');
  }
  assert.equal(await usersHasRound(body.id), false, 'the round reached the users database without the token');
  assert.equal(await analyticsHasRound(body.id), false, "the round reached analytics' MongoDB without the token");

  // The control: with the token, the same round is recorded.
  const direct = await postInternal(stack.ports.users, body, { authorization: `Bearer ${stack.internalApiToken}` });
  assert.equal(direct.status, 201, direct.text);
  assert.equal(await usersHasRound(body.id), true, 'the check sees a recorded round');
});

/** A POST to a subgraph's `/internal/rounds` with these headers (node:http: fetch cannot set `Host`). */
function postInternal(port: number, body: unknown, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `http://127.0.0.1:${port}/internal/rounds`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test('with the token: a rebound Host is 403, and a round the rules do not allow is 400 naming the field; the wallet is untouched', async () => {
  const token = { authorization: `Bearer ${stack.internalApiToken}` };
  const balanceBefore = await balanceOfPlayerOne();
  const rebound = await postInternal(stack.ports.users, round(), { ...token, host: `rebound.example:${stack.ports.users}` });
  assert.equal(rebound.status, 403, rebound.text);
  assert.match(rebound.text, /Host: expected one of localhost, 127\.0\.0\.1, ::1; got \\"rebound\.example:\d+\\"/);

  const hostile = [
    { change: { gameId: 'no-such-game' }, field: /gameId: expected one of .*dice-classic.*; got \\"no-such-game\\"/ },
    { change: { payoutCents: 100_000_000 }, field: /payoutCents: expected at most 1000 for a bet of 10; got 100000000/ },
    { change: { payoutCents: 2 ** 31 - 1 }, field: /payoutCents: expected at most 1000/ },
    { change: { betCents: 1_000_000 }, field: /betCents: expected 10 to 5000 for dice-classic; got 1000000/ },
    { change: { playerId: 2 ** 31 }, field: /playerId/ },
  ];
  for (const service of ['users', 'analytics'] as const) {
    for (const { change, field } of hostile) {
      const body = { ...round(), ...change };
      const answer = await postInternal(stack.ports[service], body, token);
      assert.equal(answer.status, 400, `${service} ${JSON.stringify(change)}: ${answer.text}`);
      assert.match(answer.text, field, `${service} ${JSON.stringify(change)}`);
      assert.equal((JSON.parse(answer.text) as { code: string }).code, 'BAD_REQUEST');
    }
  }
  assert.equal(await balanceOfPlayerOne(), balanceBefore, "player 1's wallet changed");
});

async function balanceOfPlayerOne(): Promise<number> {
  const client = new pg.Client({ connectionString: stack.databases.usersDatabaseUrl });
  await client.connect();
  try {
    return (await client.query<{ balance_cents: number }>('select balance_cents from wallets where player_id = 1')).rows[0]!.balance_cents;
  } finally {
    await client.end();
  }
}

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

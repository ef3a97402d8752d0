import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startTestStack, type TestStack } from './test-stack.js';

describe('the federated stack', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack?.stop());

  test('readiness lists every subgraph as up', async () => {
    const response = await fetch(`${stack.gatewayUrl}/health/ready`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { dependencies: Record<string, { status: string }> };
    assert.deepEqual(Object.keys(body.dependencies).sort(), ['analytics', 'game', 'users']);
    assert.ok(Object.values(body.dependencies).every((dependency) => dependency.status === 'up'));
  });

  test('one query fans out to users, game and analytics', async () => {
    const result = await stack.graphql<{
      players: {
        id: string;
        wallet: { balanceCents: number };
        metrics: { roundsPlayed: number; wageredCents: number };
        rounds: { betCents: number; game: { name: string; minBetCents: number } }[];
      }[];
    }>(`{
      players(first: 5) {
        id displayName wallet { balanceCents }
        metrics { roundsPlayed wageredCents favouriteGame { name } }
        rounds(last: 3) { id betCents playedAt game { name minBetCents } }
      }
    }`);
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const players = result.data!.players;
    assert.deepEqual(
      players.map((p) => p.id),
      ['1', '2', '3', '4', '5'],
    );
    const withRounds = players.filter((p) => p.rounds.length > 0);
    assert.ok(withRounds.length > 0, 'seeded players have history');
    for (const player of withRounds) {
      assert.ok(player.rounds.length <= 3);
      assert.ok(player.metrics.roundsPlayed >= player.rounds.length, 'analytics counts at least the rounds in history');
      for (const round of player.rounds) assert.ok(round.game.name.length > 0 && round.betCents >= round.game.minBetCents);
    }
  });

  test('a round played through the API shows up in history, wallet and analytics', async () => {
    const before = await stack.graphql<{ player: { wallet: { balanceCents: number }; metrics: { roundsPlayed: number } } }>(
      '{ player(id: "7") { wallet { balanceCents } metrics { roundsPlayed } } }',
    );
    const played = await stack.graphql<{
      playRound: { won: boolean; payoutCents: number; balanceCents: number; round: { id: string; betCents: number; game: { id: string } } };
    }>(
      `mutation Play($input: PlayRoundInput!) {
        playRound(input: $input) { won payoutCents balanceCents round { id betCents game { id } } }
      }`,
      { input: { playerId: '7', gameId: 'roulette-eu', betCents: 100, choice: 'red', idempotencyKey: 'e2e-roulette-0001' } },
    );
    assert.equal(played.errors, undefined, JSON.stringify(played.errors));
    const { playRound } = played.data!;
    assert.equal(playRound.round.betCents, 100);
    assert.equal(playRound.round.game.id, 'roulette-eu');
    assert.equal(playRound.balanceCents, before.data!.player.wallet.balanceCents - 100 + playRound.payoutCents);

    const after = await stack.graphql<{
      player: { wallet: { balanceCents: number }; metrics: { roundsPlayed: number }; rounds: { id: string }[] };
    }>('{ player(id: "7") { wallet { balanceCents } metrics { roundsPlayed } rounds(last: 1) { id } } }');
    assert.equal(after.data!.player.rounds[0]!.id, playRound.round.id);
    assert.equal(after.data!.player.wallet.balanceCents, playRound.balanceCents);
    assert.equal(after.data!.player.metrics.roundsPlayed, before.data!.player.metrics.roundsPlayed + 1);

    const retried = await stack.graphql<{ playRound: { round: { id: string }; balanceCents: number } }>(
      `mutation { playRound(input: { playerId: "7", gameId: "roulette-eu", betCents: 100, choice: "red", idempotencyKey: "e2e-roulette-0001" }) { round { id } balanceCents } }`,
    );
    assert.equal(retried.data!.playRound.round.id, playRound.round.id, 'a retry returns the first round');
    const afterRetry = await stack.graphql<{ player: { wallet: { balanceCents: number } } }>(
      '{ player(id: "7") { wallet { balanceCents } } }',
    );
    assert.equal(afterRetry.data!.player.wallet.balanceCents, playRound.balanceCents, 'a retry charges nothing');
  });

  test('the users history records a round once and refuses one the wallet cannot cover', async () => {
    const post = (round: Record<string, unknown>) =>
      fetch(`http://127.0.0.1:${stack.ports.users}/internal/rounds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.internalApiToken}` },
        body: JSON.stringify(round),
      });
    const round = {
      id: '00000000-0000-4000-8000-000000000042',
      playerId: 3,
      gameId: 'dice-classic',
      betCents: 10,
      payoutCents: 0,
      outcome: 'loss',
      playedAt: new Date().toISOString(),
    };
    const first = await post(round);
    assert.equal(first.status, 201);
    const { balanceCents } = (await first.json()) as { balanceCents: number };
    const again = await post({ ...round, payoutCents: 20, outcome: 'win x2', playedAt: new Date().toISOString() });
    assert.equal(again.status, 200);
    assert.deepEqual(
      await again.json(),
      { status: 'duplicate', balanceCents, round },
      'the round as first recorded, with the balance it left',
    );
    // A bet within the game's limits (10 to 5,000 cents on dice-classic) that the wallet cannot cover.
    const client = new pg.Client({ connectionString: stack.databases.usersDatabaseUrl });
    await client.connect();
    try {
      await client.query('update wallets set balance_cents = 50 where player_id = 3');
    } finally {
      await client.end();
    }
    const tooBig = await post({ ...round, id: '00000000-0000-4000-8000-000000000043', betCents: 51 });
    assert.equal(tooBig.status, 409);
    assert.deepEqual(await tooBig.json(), { status: 'insufficient-funds', balanceCents: 50 });
  });

  test('a body that is not JSON is a coded 400 error, never a stack trace', async () => {
    const targets = [
      [`${stack.gatewayUrl}/graphql`, 'graphql'],
      [`http://127.0.0.1:${stack.ports.users}/internal/rounds`, 'internal'],
      [`http://127.0.0.1:${stack.ports.paymentProvider}/v1/fraud-checks`, 'internal'],
    ] as const;
    for (const [url, shape] of targets) {
      // The users route answers only the services (internal-route-guard.ts): sent as they send it.
      const authorization: Record<string, string> = url.includes('/internal/') ? { authorization: `Bearer ${stack.internalApiToken}` } : {};
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization },
        body: '{"query": "{ games',
      });
      assert.equal(response.status, 400, url);
      const text = await response.text();
      assert.doesNotMatch(text, /\n\s+at |<html/i, `${url} answers without a stack trace`);
      const body = JSON.parse(text) as { code?: string; message?: string; errors?: { message: string; extensions: { code: string } }[] };
      const error = shape === 'graphql' ? { code: body.errors?.[0]?.extensions.code, message: body.errors?.[0]?.message } : body;
      assert.equal(error.code, 'BAD_REQUEST', url);
      assert.match(error.message ?? '', /request body: expected JSON; got text that does not parse/);
    }
  });

  test('bad input is a coded error saying what was expected and what arrived', async () => {
    const cases: [string, string, RegExp][] = [
      ['{ player(id: "abc") { id } }', 'BAD_USER_INPUT', /expected a player id .*got "abc"/],
      ['{ player(id: "999999") { id } }', 'NOT_FOUND', /no player with id 999999/],
      ['{ players(first: -1) { id } }', 'BAD_USER_INPUT', /first: expected a whole number from 1 to 100; got -1/],
      ['{ players(first: 100000) { id } }', 'BAD_USER_INPUT', /got 100000/],
      ['{ game(id: "poker") { id } }', 'NOT_FOUND', /no game with id "poker"/],
      ['{ leaderboard(limit: 0) { netCents } }', 'BAD_USER_INPUT', /limit: expected a whole number from 1 to 100; got 0/],
      [
        'mutation { playRound(input: { playerId: "1", gameId: "dice-classic", betCents: 1 }) { won } }',
        'BAD_USER_INPUT',
        /betCents: expected a bet from 10 to 5000 cents for Classic Dice; got 1/,
      ],
      [
        'mutation { playRound(input: { playerId: "1", gameId: "dice-classic", betCents: 100, choice: "over:100" }) { won } }',
        'BAD_USER_INPUT',
        /choice: expected "over:N" or "under:N"/,
      ],
      [
        'mutation { playRound(input: { playerId: "424242", gameId: "dice-classic", betCents: 100 }) { won } }',
        'NOT_FOUND',
        /no player with id 424242/,
      ],
    ];
    for (const [query, code, message] of cases) {
      const result = await stack.graphql(query);
      const error = result.errors?.[0];
      assert.ok(error, `${query} should fail`);
      assert.equal(error.extensions?.['code'], code, `${query}: ${error.message}`);
      assert.match(error.message, message);
      assert.equal(JSON.stringify(result).includes('    at '), false, 'no stack trace in the response');
    }
  });
});

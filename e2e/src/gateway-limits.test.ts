import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SCENARIOS } from '@trace-arcade/scenarios';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import { ALL_FIXED, startTestStack, type TestStack } from './test-stack.js';

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** Every scenario fixed: for requests whose subject is not a slow variant. */

const codes = (answer: Answer) => (answer.body.errors ?? []).map((error) => error.extensions?.['code']);

/** Every list argument of the API, its maximum as the schema states it, and a query that sends it. */
const LIST_ARGUMENTS: { argument: string; max: number; query: (size: number) => string }[] = [
  { argument: 'first', max: 100, query: (n) => `{ players(first: ${n}) { id } }` },
  { argument: 'last', max: 100, query: (n) => `{ player(id: "1") { rounds(last: ${n}) { id } } }` },
  { argument: 'limit', max: 100, query: (n) => `{ leaderboard(limit: ${n}) { netCents } }` },
  { argument: 'days', max: 366, query: (n) => `{ dailyStats(days: ${n}) { day } }` },
  { argument: 'spins', max: 10, query: (n) => `{ freePlay(gameId: "dice-classic", spins: ${n}) { draw } }` },
];

describe('the limits, through the gateway', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({
      env: {
        // Small enough to reach in a test: two slow-variant requests per subgraph, one second for game.
        SLOW_VARIANT_CONCURRENCY: '2',
        GAME_TIMEOUT_MS: '1000',
        // cpu-rng at its cap: about 0.1 s of blocked event loop per random number.
        PRIME_RNG_PRIMES: '100000',
      },
    });
  });
  after(() => stack?.stop());

  async function post(body: string, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }
  const send = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
    post(JSON.stringify({ query, variables }), headers);

  test('depth, cost, aliases, directives and tokens: HTTP 400 with their own codes, before any subgraph is called', async () => {
    const nPlusOne = SCENARIOS.find((scenario) => scenario.name === 'n-plus-one')!;
    const cases: [string, Answer, string, RegExp][] = [
      [
        'depth',
        await send('{ players { rounds { player { rounds { player { rounds { player { rounds { id } } } } } } } } }'),
        'QUERY_TOO_DEEP',
        /^query depth: expected at most 8 levels of nested fields; got 9$/,
      ],
      [
        'cost',
        await send(nPlusOne.operation, { players: 100, rounds: 100 }),
        'QUERY_TOO_COMPLEX',
        /^query cost: expected at most 5000 .*; got 60301$/,
      ],
      [
        'aliases',
        await send(`{ ${Array.from({ length: 16 }, (_, i) => `g${i}: games { id }`).join(' ')} }`),
        'TOO_MANY_ALIASES',
        /^aliases: expected at most 15 in one operation; got 16$/,
      ],
      [
        'directives',
        await send(`{ games { ${Array.from({ length: 21 }, () => 'id @skip(if: false)').join(' ')} } }`),
        'TOO_MANY_DIRECTIVES',
        /^directives: expected at most 20 in one operation; got 21$/,
      ],
      ['tokens', await send(`{ games { ${'id '.repeat(2000)}} }`), 'TOO_MANY_TOKENS', /^query: expected at most 1000 tokens/],
    ];
    for (const [limit, answer, code, message] of cases) {
      assert.equal(answer.status, 400, limit);
      assert.deepEqual(codes(answer), [code], `${limit}: ${JSON.stringify(answer.body.errors)}`);
      assert.match(answer.body.errors![0]!.message, message, limit);
      const perf = parsePerfExtension((answer.body as { extensions?: Record<string, unknown> }).extensions?.['perf']);
      assert.deepEqual(perf.subgraphs, {}, `${limit}: no subgraph was called`);
    }
  });

  test('a body over REQUEST_BODY_LIMIT_BYTES (100 KiB): 413 PAYLOAD_TOO_LARGE with the limit and the size', async () => {
    const body = JSON.stringify({ query: '{ games { id } }', variables: { padding: 'x'.repeat(150_000) } });
    const answer = await post(body);
    assert.equal(answer.status, 413);
    assert.deepEqual(answer.body, {
      errors: [
        {
          message: `request body: expected at most 102400 bytes; got ${Buffer.byteLength(body)} bytes`,
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  });

  test('every list argument has a maximum: one more is BAD_USER_INPUT with the range and what arrived', async () => {
    for (const { argument, max, query } of LIST_ARGUMENTS) {
      for (const value of [max + 1, 0, -1]) {
        const answer = await send(query(value), undefined, ALL_FIXED);
        assert.deepEqual(codes(answer), ['BAD_USER_INPUT'], `${argument}: ${value}`);
        assert.equal(answer.body.errors![0]!.message, `${argument}: expected a whole number from 1 to ${max}; got ${value}`);
      }
      const largest = await send(query(max), undefined, ALL_FIXED);
      assert.equal(largest.body.errors, undefined, `${argument}: ${max} is served`);
    }
  });

  test('a burst of slow-variant requests of one trace: two run, the rest get SLOW_VARIANT_BUSY at once, fixed ones are served', async () => {
    const nPlusOne = SCENARIOS.find((scenario) => scenario.name === 'n-plus-one')!;
    // One unit of work (as the panel sends one): its calls are admitted up to the limit.
    const click = { 'sentry-trace': `${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-0` };
    const run = (mode: 'slow' | 'fixed', headers: Record<string, string> = {}) =>
      send(nPlusOne.operation, nPlusOne.variables, { ...headers, 'x-scenarios': `n-plus-one=${mode}` });
    const burst = Array.from({ length: 6 }, () => run('slow', click));
    const fixed = await Promise.all([run('fixed'), run('fixed')]);
    const slow = await Promise.all(burst);

    for (const answer of fixed) assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors?.[0]));
    const served = slow.filter((answer) => answer.body.errors === undefined);
    const refused = slow.filter((answer) => codes(answer).includes('SLOW_VARIANT_BUSY'));
    assert.equal(served.length + refused.length, 6, 'each slow request is served or refused, nothing else');
    assert.ok(served.length >= 2 && refused.length >= 1, `served ${served.length}, refused ${refused.length}`);
    const busy = refused[0]!.body.errors!.find((error) => error.extensions?.['code'] === 'SLOW_VARIANT_BUSY')!;
    assert.match(
      busy.message,
      /^at most 2 slow-variant calls at once in (users|game); got one more \(n-plus-one=slow\): retry shortly or use the fixed variant$/,
    );

    // Requests without a trace are a unit each: one of them runs slow at a time.
    const plain = await Promise.all(Array.from({ length: 4 }, () => run('slow')));
    const plainRefused = plain.filter((answer) => codes(answer).includes('SLOW_VARIANT_BUSY'));
    assert.ok(
      plain.some((answer) => answer.body.errors === undefined),
      'one of them ran',
    );
    assert.ok(plainRefused.length >= 1, 'the others were refused');
    assert.match(
      plainRefused[0]!.body.errors!.find((error) => error.extensions?.['code'] === 'SLOW_VARIANT_BUSY')!.message,
      /^slow variants in (users|game) run for one unit of work \(one trace\) at a time; another one holds them with [12] slow-variant calls? in flight; got n-plus-one=slow: retry shortly or use the fixed variant$/,
    );

    // The gateway repeats the refusals above for the same operation for a moment (its answer says how
    // long: gateway/src/slow-variant-refusals.ts); a client that waits that long is served.
    let again = await run('slow');
    const edge = again.body.errors?.find((error) => error.extensions?.['refusedAtGateway'] === true);
    if (edge) {
      const retryAfterMs = Number(edge.extensions?.['retryAfterMs']);
      assert.ok(retryAfterMs > 0 && retryAfterMs <= 1000, `retry after ${retryAfterMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
      again = await run('slow');
    }
    assert.equal(again.body.errors, undefined, 'once the burst is answered, the slots are free again');
  });

  test('a refusal is repeated at the gateway to other clients of the operation whatever their variables', async () => {
    const nPlusOne = SCENARIOS.find((scenario) => scenario.name === 'n-plus-one')!;
    const run = (variables: Record<string, unknown>) => send(nPlusOne.operation, variables, { 'x-scenarios': 'n-plus-one=slow' });
    // A second client while the first holds the slow variants: refused by the subgraph.
    let holder = run(nPlusOne.variables);
    let refused = await run(nPlusOne.variables);
    for (let tries = 1; codes(refused).length === 0 && tries < 5; tries++) {
      await holder;
      holder = run(nPlusOne.variables);
      refused = await run(nPlusOne.variables);
    }
    const byService = refused.body.errors?.find((error) => error.extensions?.['code'] === 'SLOW_VARIANT_BUSY');
    assert.ok(byService, `a second client is refused while the first runs: ${JSON.stringify(refused.body.errors)}`);
    assert.notEqual(byService.extensions?.['refusedAtGateway'], true, 'the first refusal comes from the subgraph');
    // A third with other variables, at once: the gateway answers without asking the subgraph again.
    const other = await run({ players: 3, rounds: 2 });
    const edge = other.body.errors?.find((error) => error.extensions?.['code'] === 'SLOW_VARIANT_BUSY');
    assert.equal(edge?.extensions?.['refusedAtGateway'], true, `refused at the gateway: ${JSON.stringify(other.body.errors)}`);
    assert.equal((await holder).body.errors, undefined, 'the holder was served');
  });

  test('a subgraph slower than its timeout: SUBGRAPH_TIMEOUT naming it, the other subgraphs still answer', async () => {
    // Ten spins with the slow RNG at its cap keep the game process's event loop busy for seconds.
    const blocker = send('{ freePlay(gameId: "slots-fruit", spins: 10) { draw } }', undefined, { 'x-scenarios': 'cpu-rng=slow' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    const answer = await send('{ leaderboard(limit: 3) { roundsPlayed wageredCents favouriteGame { name } } }', undefined, ALL_FIXED);
    const ms = performance.now() - started;

    const leaderboard = answer.body.data?.['leaderboard'] as { roundsPlayed: number; favouriteGame: unknown }[];
    assert.equal(leaderboard.length, 3, 'analytics answered');
    for (const row of leaderboard) {
      assert.ok(row.roundsPlayed > 0);
      assert.equal(row.favouriteGame, null, "game's part is null");
    }
    const timeout = answer.body.errors?.find((error) => error.extensions?.['code'] === 'SUBGRAPH_TIMEOUT');
    assert.ok(timeout, JSON.stringify(answer.body.errors));
    assert.equal(timeout.message, 'game subgraph: expected an answer within 1000 ms; got none');
    assert.deepEqual(timeout.extensions, { code: 'SUBGRAPH_TIMEOUT', subgraph: 'game', timeoutMs: 1000 });
    assert.ok(ms < 2500, `answered after ${Math.round(ms)} ms`);

    const blocked = await blocker;
    assert.deepEqual(codes(blocked), ['SUBGRAPH_TIMEOUT'], 'the blocking request itself was cut off too');
    // The game subgraph recovers once its loop is free: the ten spins take 10 to 15 s on 2 busy cores.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const games = await send('{ games { id } }');
      if (games.body.errors === undefined) break;
      assert.ok(Date.now() < deadline, `game answers again; still ${JSON.stringify(games.body.errors)}`);
    }
    const ready = await fetch(`${stack.gatewayUrl}/health/ready`);
    assert.equal(ready.status, 200);
  });
});

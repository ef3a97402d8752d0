/**
 * The users subgraph's schema and resolvers through Apollo Server's `executeOperation`, against a
 * fresh database on the test server (TEST_POSTGRES_URL, set by `npm test`): no gateway, no HTTP.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { ApolloServer } from '@apollo/server';
import { ScenarioSelection, scenarioDefaults } from '@trace-arcade/scenarios';
import { createLogger, measureRequest, RequestCost } from '@trace-arcade/service-runtime';
import { migrateToLatest } from '@trace-arcade/service-runtime/postgres-migrations';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createContext, type UsersContext } from './context.js';
import { createDatabase, type UsersDb } from './database.js';
import { migrationProvider } from './migrations/index.js';
import { createSchema } from './schema.js';

const log = createLogger('users-test');
log.level = 'silent';

let db: UsersDb;
let admin: pg.Client;
let server: ApolloServer<UsersContext>;
const name = `users_schema_test_${randomBytes(4).toString('hex')}`;

const PLAYERS = 3;
const ROUNDS_EACH = 3;
/** Round ids are UUIDs: player 1's round 2 is …-000000000012. */
const roundId = (player: number, round: number) => `00000000-0000-4000-8000-${String(player * 10 + round).padStart(12, '0')}`;
const UNKNOWN_ROUND = '00000000-0000-4000-8000-999999999999';

before(async () => {
  const serverUrl = process.env['TEST_POSTGRES_URL'];
  if (!serverUrl) throw new Error('TEST_POSTGRES_URL is not set: run the tests with `npm test`, which starts the database');
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  db = createDatabase(url.toString(), 4, log);
  await migrateToLatest(db as unknown as Kysely<unknown>, migrationProvider, log);
  for (let id = 1; id <= PLAYERS; id++) {
    await db
      .insertInto('players')
      .values({ id, username: `player${id}`, displayName: `Player ${id}`, country: 'GB', joinedAt: new Date('2026-01-01T00:00:00Z') })
      .execute();
    await db
      .insertInto('wallets')
      .values({ playerId: id, balanceCents: 1_000 * id, currency: 'EUR' })
      .execute();
    for (let round = 0; round < ROUNDS_EACH; round++) {
      await db
        .insertInto('rounds')
        .values({
          id: roundId(id, round),
          playerId: id,
          gameId: 'dice-classic',
          betCents: 10,
          payoutCents: round % 2 === 0 ? 0 : 20,
          outcome: round % 2 === 0 ? 'loss' : 'win x2',
          playedAt: new Date(Date.UTC(2026, 0, 2, 0, round)),
          balanceAfterCents: null,
        })
        .execute();
    }
  }
  server = new ApolloServer<UsersContext>({ schema: createSchema() });
  await server.start();
});
after(async () => {
  await server?.stop();
  await db?.destroy();
  await admin?.query(`drop database "${name}" with (force)`);
  await admin?.end();
});

/** A short deadline for infinite-loop's slow walk: these tests wait for it. */
const LOOP_GUARD_MS = 100;

/** Runs one operation as the service would, with `header` as the request's `x-scenarios`; counts its SQL statements. */
async function execute(query: string, variables: Record<string, unknown>, header: string, loopGuardMs = LOOP_GUARD_MS) {
  const cost = new RequestCost({});
  const scenarios = new ScenarioSelection(scenarioDefaults(undefined), header);
  const response = await measureRequest(cost, () =>
    server.executeOperation({ query, variables }, { contextValue: createContext(db, { scenarios, cost }, loopGuardMs) }),
  );
  assert.equal(response.body.kind, 'single');
  // Plain objects (graphql-js answers with null-prototype ones), as a client would see them.
  const result =
    response.body.kind === 'single'
      ? (JSON.parse(JSON.stringify(response.body.singleResult)) as typeof response.body.singleResult)
      : undefined;
  return { result, statements: cost.sqlStatements };
}

const PLAYERS_WITH_ROUNDS = `query ($first: Int!, $last: Int!) {
  players(first: $first) { id username displayName country joinedAt wallet { balanceCents currency }
    rounds(last: $last) { id betCents payoutCents outcome playedAt game { id } } }
}`;

test('players with their rounds: both variants answer the same; slow runs a statement per player and per round, fixed 2', async () => {
  const variables = { first: PLAYERS, last: 2 };
  const slow = await execute(PLAYERS_WITH_ROUNDS, variables, 'n-plus-one=slow');
  const fixed = await execute(PLAYERS_WITH_ROUNDS, variables, 'n-plus-one=fixed');
  assert.equal(slow.result?.errors, undefined, JSON.stringify(slow.result?.errors));
  assert.deepEqual(fixed.result?.data, slow.result?.data);
  const players = slow.result?.data?.['players'] as { id: string; wallet: unknown; rounds: { id: string; playedAt: string }[] }[];
  assert.deepEqual(
    players.map((player) => player.id),
    ['1', '2', '3'],
  );
  assert.deepEqual(players[1]!.wallet, { balanceCents: 2000, currency: 'EUR' });
  assert.deepEqual(
    players[0]!.rounds.map((round) => [round.id, round.playedAt]),
    [
      [roundId(1, 2), '2026-01-02T00:02:00.000Z'],
      [roundId(1, 1), '2026-01-02T00:01:00.000Z'],
    ],
    'newest first, dates as ISO strings',
  );
  // As docs/scenarios/n-plus-one.md counts them: the page, then per player its round ids and each round by itself.
  assert.equal(slow.statements, 1 + PLAYERS + PLAYERS * 2);
  // The page, and every player's rounds in one lateral join.
  assert.equal(fixed.statements, 2);
});

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Player { id username wallet { balanceCents } }
    ... on Round { id outcome game { id } }
  }
}`;

test('_entities: players and rounds by reference, one statement per reference when slow, one per type when fixed', async () => {
  const representations = [
    { __typename: 'Player', id: '2' },
    { __typename: 'Round', id: roundId(3, 1) },
    { __typename: 'Player', id: '3' },
    { __typename: 'Round', id: roundId(1, 0) },
  ];
  const slow = await execute(ENTITIES, { representations }, 'n-plus-one=slow');
  const fixed = await execute(ENTITIES, { representations }, 'n-plus-one=fixed');
  assert.equal(fixed.result?.errors, undefined, JSON.stringify(fixed.result?.errors));
  assert.deepEqual(fixed.result?.data, {
    _entities: [
      { id: '2', username: 'player2', wallet: { balanceCents: 2000 } },
      { id: roundId(3, 1), outcome: 'win x2', game: { id: 'dice-classic' } },
      { id: '3', username: 'player3', wallet: { balanceCents: 3000 } },
      { id: roundId(1, 0), outcome: 'loss', game: { id: 'dice-classic' } },
    ],
  });
  assert.deepEqual(slow.result?.data, fixed.result?.data);
  assert.equal(slow.statements, 4);
  assert.equal(fixed.statements, 2);
});

test('_entities: an unknown player or round is NOT_FOUND at its place, the others answer', async () => {
  for (const header of ['n-plus-one=slow', 'n-plus-one=fixed']) {
    const { result } = await execute(
      ENTITIES,
      {
        representations: [
          { __typename: 'Player', id: '1' },
          { __typename: 'Player', id: '99' },
          { __typename: 'Round', id: UNKNOWN_ROUND },
        ],
      },
      header,
    );
    const entities = result?.data?.['_entities'] as unknown[];
    assert.deepEqual(entities, [{ id: '1', username: 'player1', wallet: { balanceCents: 1000 } }, null, null], header);
    assert.deepEqual(
      result?.errors
        ?.map((error) => [error.path, error.extensions?.['code'], error.message])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      [
        [['_entities', 1], 'NOT_FOUND', 'no player with id 99'],
        [['_entities', 2], 'NOT_FOUND', `no round with id "${UNKNOWN_ROUND}"`],
      ],
      header,
    );
  }
});

const STAKE_PROFILE = `query ($id: ID!, $pageSize: Int!) { player(id: $id) { id stakeProfile(pageSize: $pageSize) { betCents rounds payoutCents } } }`;

test('stakeProfile: both walks answer the same while no bet size fills a page; the slow one loops on a page of ties until the guard stops it', async () => {
  // Each player's 3 rounds all bet 10 cents: with 4 rounds a page, the first page is short and ends both walks.
  const expected = { player: { id: '1', stakeProfile: [{ betCents: 10, rounds: 3, payoutCents: 20 }] } };
  for (const header of ['infinite-loop=slow', 'infinite-loop=fixed']) {
    const { result } = await execute(STAKE_PROFILE, { id: '1', pageSize: 4 }, header);
    assert.equal(result?.errors, undefined, JSON.stringify(result?.errors));
    assert.deepEqual(result?.data, expected, header);
  }
  // With 3 a page, the first page is all ties: fixed moves past it by round id; slow gets the same page back forever.
  const fixed = await execute(STAKE_PROFILE, { id: '1', pageSize: 3 }, 'infinite-loop=fixed');
  assert.deepEqual(fixed.result?.data, expected);
  const started = performance.now();
  const slow = await execute(STAKE_PROFILE, { id: '1', pageSize: 3 }, 'infinite-loop=slow');
  const ms = performance.now() - started;
  assert.equal(slow.result?.data, null, 'player is non-null: the error nulls the whole answer');
  const error = slow.result?.errors?.[0];
  assert.equal(error?.extensions?.['code'], 'LOOP_GUARD_TRIPPED', JSON.stringify(slow.result?.errors));
  assert.deepEqual(error?.path, ['player', 'stakeProfile']);
  assert.match(
    error?.message ?? '',
    /^stakeProfile: pagination made no progress after \d+ pages: the cursor did not advance past bet size 10 /,
  );
  assert.ok(ms >= LOOP_GUARD_MS && ms < LOOP_GUARD_MS + 1_000, `the slow walk was stopped after ${ms.toFixed(0)} ms`);
});

test('stakeProfile: a page size outside 1 to 100 is BAD_USER_INPUT before any walk', async () => {
  for (const pageSize of [0, 101]) {
    const { result } = await execute(STAKE_PROFILE, { id: '1', pageSize }, 'infinite-loop=slow');
    assert.equal(result?.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    assert.equal(result?.errors?.[0]?.message, `pageSize: expected a whole number from 1 to 100; got ${pageSize}`);
  }
});

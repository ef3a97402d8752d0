/**
 * The analytics subgraph's schema and resolvers through Apollo Server's `executeOperation`, against
 * a fresh database on the test MongoDB (TEST_MONGO_URL, set by `npm test`): no gateway, no HTTP.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ApolloServer } from '@apollo/server';
import { ScenarioSelection, scenarioDefaults } from '@trace-arcade/scenarios';
import { createLogger, measureRequest, RequestCost } from '@trace-arcade/service-runtime';
import { createContext, type AnalyticsContext } from './context.js';
import { createDatabase, ensureIndexes, type AnalyticsDb, type RoundDocument } from './database.js';
import { createActivityCaches } from './scenarios/memory-leak.js';
import { createSchema } from './schema.js';

let analytics: AnalyticsDb;
let server: ApolloServer<AnalyticsContext>;

const day = (n: number, hour = 12) => new Date(Date.UTC(2026, 2, n, hour));
const round = (id: string, playerId: number, gameId: string, betCents: number, payoutCents: number, playedAt: Date): RoundDocument => ({
  _id: id,
  playerId,
  gameId,
  gameKind: gameId.split('-')[0]!.toUpperCase(),
  betCents,
  payoutCents,
  playedAt,
});

// Player 1: +10 overall, mostly slots; player 2: +200 in one round; player 3: -100.
const ROUNDS = [
  round('a', 1, 'slots-fruit', 10, 50, day(1)),
  round('b', 1, 'dice-classic', 10, 0, day(2)),
  round('c', 1, 'slots-fruit', 20, 0, day(3, 8)),
  round('d', 2, 'dice-classic', 100, 300, day(1)),
  round('e', 3, 'roulette-red', 50, 0, day(2)),
  round('f', 3, 'roulette-red', 50, 0, day(3)),
];

before(async () => {
  const url = process.env['TEST_MONGO_URL'];
  if (!url) throw new Error('TEST_MONGO_URL is not set: run the tests with `npm test`, which starts MongoDB');
  analytics = createDatabase(url, `analytics_schema_test_${randomBytes(4).toString('hex')}`);
  await ensureIndexes(analytics);
  await analytics.rounds.insertMany(ROUNDS);
  server = new ApolloServer<AnalyticsContext>({ schema: createSchema() });
  await server.start();
});
after(async () => {
  await server?.stop();
  await analytics?.db.dropDatabase();
  await analytics?.client.close();
});

const activityCaches = createActivityCaches({ leakCapMb: 16, log: createLogger('analytics') });

/** Runs one operation as the service would, with `header` as the request's `x-scenarios`; counts its Mongo commands. */
async function execute(query: string, variables: Record<string, unknown>, header: string) {
  const cost = new RequestCost({});
  const scenarios = new ScenarioSelection(scenarioDefaults(undefined), header);
  const response = await measureRequest(cost, () =>
    server.executeOperation({ query, variables }, { contextValue: createContext(analytics, { scenarios, cost }, activityCaches) }),
  );
  assert.equal(response.body.kind, 'single');
  // Plain objects (graphql-js answers with null-prototype ones), as a client would see them.
  const result =
    response.body.kind === 'single'
      ? (JSON.parse(JSON.stringify(response.body.singleResult)) as typeof response.body.singleResult)
      : undefined;
  return { result, commands: cost.mongoCommands };
}

const STATISTICS = `{
  leaderboard(limit: 3) {
    player { id } roundsPlayed wageredCents paidOutCents netCents biggestWinCents favouriteGame { id } lastPlayedAt
  }
  all: dailyStats(days: 3) { day rounds players wageredCents paidOutCents }
  slots: dailyStats(days: 3, gameId: "slots-fruit") { day rounds players wageredCents paidOutCents }
}`;

test('leaderboard and daily statistics: both variants answer the same rows; slow makes a round trip per leader', async () => {
  const slow = await execute(STATISTICS, {}, 'slow-aggregation=slow');
  const fixed = await execute(STATISTICS, {}, 'slow-aggregation=fixed');
  assert.equal(fixed.result?.errors, undefined, JSON.stringify(fixed.result?.errors));
  assert.deepEqual(fixed.result?.data, {
    leaderboard: [
      {
        player: { id: '2' },
        roundsPlayed: 1,
        wageredCents: 100,
        paidOutCents: 300,
        netCents: 200,
        biggestWinCents: 200,
        favouriteGame: { id: 'dice-classic' },
        lastPlayedAt: '2026-03-01T12:00:00.000Z',
      },
      {
        player: { id: '1' },
        roundsPlayed: 3,
        wageredCents: 40,
        paidOutCents: 50,
        netCents: 10,
        biggestWinCents: 40,
        favouriteGame: { id: 'slots-fruit' },
        lastPlayedAt: '2026-03-03T08:00:00.000Z',
      },
      {
        player: { id: '3' },
        roundsPlayed: 2,
        wageredCents: 100,
        paidOutCents: 0,
        netCents: -100,
        biggestWinCents: -50,
        favouriteGame: { id: 'roulette-red' },
        lastPlayedAt: '2026-03-03T12:00:00.000Z',
      },
    ],
    all: [
      { day: '2026-03-01', rounds: 2, players: 2, wageredCents: 110, paidOutCents: 350 },
      { day: '2026-03-02', rounds: 2, players: 2, wageredCents: 60, paidOutCents: 0 },
      { day: '2026-03-03', rounds: 2, players: 2, wageredCents: 70, paidOutCents: 0 },
    ],
    slots: [
      { day: '2026-03-01', rounds: 1, players: 1, wageredCents: 10, paidOutCents: 50 },
      { day: '2026-03-03', rounds: 1, players: 1, wageredCents: 20, paidOutCents: 0 },
    ],
  });
  assert.deepEqual(slow.result?.data, fixed.result?.data);
  // Slow: the scan, then one find per leader (3); each dailyStats: the newest round, then its scan.
  assert.equal(slow.commands, 1 + 3 + 2 * 2);
  // Fixed: the ranking and the leaders' metrics pipelines; each dailyStats: the newest round and one pipeline.
  assert.equal(fixed.commands, 2 + 2 * 2);
});

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Player { id metrics { roundsPlayed netCents favouriteGame { id } lastPlayedAt } }
  }
}`;

test('_entities: every player has metrics in one aggregation, zeros for a player with no rounds', async () => {
  const { result, commands } = await execute(
    ENTITIES,
    {
      representations: [
        { __typename: 'Player', id: '1' },
        { __typename: 'Player', id: '42' },
        { __typename: 'Player', id: '3' },
      ],
    },
    '',
  );
  assert.equal(result?.errors, undefined, JSON.stringify(result?.errors));
  assert.deepEqual(result?.data, {
    _entities: [
      {
        id: '1',
        metrics: { roundsPlayed: 3, netCents: 10, favouriteGame: { id: 'slots-fruit' }, lastPlayedAt: '2026-03-03T08:00:00.000Z' },
      },
      { id: '42', metrics: { roundsPlayed: 0, netCents: 0, favouriteGame: null, lastPlayedAt: null } },
      {
        id: '3',
        metrics: { roundsPlayed: 2, netCents: -100, favouriteGame: { id: 'roulette-red' }, lastPlayedAt: '2026-03-03T12:00:00.000Z' },
      },
    ],
  });
  assert.equal(commands, 1);
});

test('_entities: a player id that is not a positive whole number is BAD_USER_INPUT for that player only', async () => {
  const { result } = await execute(
    ENTITIES,
    {
      representations: [
        { __typename: 'Player', id: 'abc' },
        { __typename: 'Player', id: '2' },
      ],
    },
    '',
  );
  const entities = result?.data?.['_entities'] as ({ id: string; metrics: unknown } | null)[];
  assert.equal(entities[0]?.metrics ?? null, null);
  assert.equal((entities[1]?.metrics as { roundsPlayed: number }).roundsPlayed, 1);
  assert.deepEqual(
    result?.errors?.map((error) => error.extensions?.['code']),
    ['BAD_USER_INPUT'],
  );
});

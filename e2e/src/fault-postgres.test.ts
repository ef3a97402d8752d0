/**
 * Fault test: PostgreSQL (the users and game databases) stops under traffic and starts again. The
 * test runs its own embedded server, so stopping it disturbs no other test.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort, startEmbeddedPostgres, type PostgresServer } from '@trace-arcade/stack';
import { isLive, readiness, report, RequestLoop, seconds, traceIdsOf, waitUntil, type GraphQLAnswer } from './fault-loop.js';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { ALL_FIXED, startTestStack, type TestStack } from './test-stack.js';

/** Analytics' fields (MongoDB) with the favourite game's name (the game database) inside: only the name may fail. */
const MIXED = '{ leaderboard(limit: 3) { roundsPlayed netCents favouriteGame { id name } } dailyStats(days: 7) { day rounds } }';
/** Only the users database: the whole answer fails with it. */
const USERS = '{ players(first: 3) { id displayName wallet { balanceCents } } }';

interface Mixed {
  leaderboard: { roundsPlayed: number; favouriteGame: { id: string; name: string } | null }[];
  dailyStats: { day: string }[];
}

const fully = (answer: GraphQLAnswer) => answer.errors === undefined && answer.data != null;

/** An error that says the named database is unavailable, with nothing of its internals. */
function assertUnavailable(error: NonNullable<GraphQLAnswer['errors']>[number], database: string): void {
  assert.equal(error.extensions?.['code'], 'UPSTREAM_UNAVAILABLE', JSON.stringify(error));
  assert.equal(error.message, `the ${database} is unavailable; try again shortly`);
}

/** During the outage: the leaderboard and daily stats answer; each favourite game is null with an error naming the game database. */
function assertMixedDegraded(answer: GraphQLAnswer): void {
  const data = answer.data as Mixed | null | undefined;
  assert.ok(data, `analytics' fields still answer: ${JSON.stringify(answer)}`);
  assert.equal(data.leaderboard.length, 3);
  assert.ok(data.dailyStats.length > 0);
  for (const row of data.leaderboard) {
    assert.ok(row.roundsPlayed > 0);
    assert.equal(row.favouriteGame, null, 'only the favourite game, which needs the game database, is null');
  }
  assert.ok((answer.errors ?? []).length > 0);
  for (const error of answer.errors!) {
    assertUnavailable(error, 'game database');
    assert.equal((error as { path?: unknown[] }).path?.[0], 'leaderboard', JSON.stringify(error));
  }
}

/** During the outage: no data (the players list itself needs the users database), and why. */
function assertUsersDown(answer: GraphQLAnswer): void {
  assert.equal(answer.data ?? null, null, JSON.stringify(answer));
  assert.ok((answer.errors ?? []).length > 0);
  for (const error of answer.errors!) assertUnavailable(error, 'users database');
}

describe('PostgreSQL stops under traffic and starts again', () => {
  const sink = new SentryEnvelopeSink();
  let dataDir: string;
  let port: number;
  let postgres: PostgresServer;
  let stack: TestStack;
  const loops: RequestLoop[] = [];

  const startPostgres = async () => {
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port,
      onLog: () => undefined,
      notice: () => undefined,
    });
  };

  before(async () => {
    await sink.start();
    dataDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-fault-postgres-'));
    port = await freePort();
    await startPostgres();
    stack = await startTestStack({
      env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '1' },
      players: 10,
      rounds: 200,
      postgresUrl: postgres.url,
    });
  });
  after(async () => {
    for (const loop of loops) await loop.stop();
    await stack?.stop();
    await postgres?.stop();
    await sink.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('only the fields that need PostgreSQL fail, coded and on the trace in Sentry; the services recover by themselves', async () => {
    for (const query of [MIXED, USERS]) {
      const healthy = await stack.graphql(query, undefined, ALL_FIXED);
      assert.ok(fully(healthy), JSON.stringify(healthy));
    }
    const mixed = new RequestLoop(() => stack.graphql(MIXED, undefined, ALL_FIXED), { workers: 2 });
    const users = new RequestLoop(() => stack.graphql(USERS, undefined, ALL_FIXED), { workers: 2 });
    loops.push(mixed, users);

    await postgres.stop();
    const down = mixed.now();
    const usersDown = users.now();

    for (const [service, servicePort] of [
      ['users', stack.ports.users],
      ['game', stack.ports.game],
    ] as const) {
      await waitUntil(`${service} readiness reporting PostgreSQL down`, async () => (await readiness(servicePort)).status === 503, 10_000);
      assert.equal((await readiness(servicePort)).body.dependencies?.['postgres']?.status, 'down');
    }
    await mixed.firstAfter(down, (answer) => !fully(answer), 10_000);
    await users.firstAfter(usersDown, (answer) => !fully(answer), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2500));

    const mixedDuring = mixed.answeredBetween(down, mixed.now()).filter((probe) => !fully(probe.answer));
    const usersDuring = users.answeredBetween(usersDown, users.now()).filter((probe) => !fully(probe.answer));
    assert.ok(
      mixedDuring.length >= 2 && usersDuring.length >= 2,
      `answers during the outage: ${mixedDuring.length}, ${usersDuring.length}`,
    );
    for (const probe of mixedDuring) assertMixedDegraded(probe.answer);
    for (const probe of usersDuring) assertUsersDown(probe.answer);
    const slowest = Math.max(...[...mixedDuring, ...usersDuring].map((probe) => probe.answeredAt - probe.sentAt));
    assert.ok(slowest < 5000, `a request during the outage fails within 5 s (slowest ${slowest} ms)`);

    // The failures are error events of the subgraph that failed, on the failed requests' traces.
    // Of all failed requests (some failed while PostgreSQL was going down); traceIdsOf says why any of them.
    for (const [server, loop, assertShape] of [
      ['game', mixed, assertMixedDegraded],
      ['users', users, assertUsersDown],
    ] as const) {
      const failed = loop.probes.filter((probe) => !fully(probe.answer));
      for (const probe of failed) assertShape(probe.answer);
      const traces = traceIdsOf(failed.map((probe) => probe.answer));
      const event = await sink.waitForError((e) => traces.has(e.contexts?.trace?.trace_id ?? ''));
      assert.equal(event.server_name, server);
      assert.equal(event.tags?.['graphql.error_code'], 'UPSTREAM_UNAVAILABLE');
      assert.match(
        event.exception?.values?.at(-1)?.value ?? '',
        /ECONNREFUSED|ECONNRESET|terminat|shutting down|shut ?down|connect/i,
        'the event names the real cause',
      );
    }
    assert.ok((await isLive(stack.ports.users)) && (await isLive(stack.ports.game)), 'the users and game processes are still up');

    await startPostgres();
    const back = mixed.now();
    const usersBack = users.now();
    const [mixedRecovered, usersRecovered] = await Promise.all([
      mixed.firstAfter(back, fully, 10_000),
      users.firstAfter(usersBack, fully, 10_000),
    ]);
    const recoveryMs = Math.max(mixedRecovered.answeredAt - back, usersRecovered.answeredAt - usersBack);
    for (const servicePort of [stack.ports.users, stack.ports.game]) {
      await waitUntil('ready again', async () => (await readiness(servicePort)).status === 200, 10_000);
    }
    const probes = [...(await mixed.stop()), ...(await users.stop())];
    report('postgres', {
      outage: seconds(back - down),
      requests: probes.length,
      degradedDuringOutage: mixedDuring.length,
      refusedDuringOutage: usersDuring.length,
      slowestDuringOutage: seconds(slowest),
      recovery: seconds(recoveryMs),
    });
    assert.ok(recoveryMs <= 5000, `full answers again within 5 s of PostgreSQL's return (took ${recoveryMs} ms)`);
  });
});

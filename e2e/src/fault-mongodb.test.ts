/**
 * Fault test: the analytics subgraph's MongoDB stops under traffic and starts again. The test asserts
 * that the service recovers, not the data (the stand-in and a real mongod both keep it in their data
 * folder; e2e/src/mongo-standin-persistence.test.ts checks the stand-in's).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort, ProcessGroup, provideMongo, type ProvidedMongo } from '@trace-arcade/stack';
import { isLive, readiness, report, RequestLoop, seconds, traceIdOf, traceIdsOf, waitUntil, type GraphQLAnswer } from './fault-loop.js';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

/** Users' fields (PostgreSQL) beside analytics' (MongoDB): only the second may fail. */
const QUERY = '{ players(first: 3) { id displayName wallet { balanceCents } metrics { roundsPlayed wageredCents } } }';

interface Players {
  players: { id: string; displayName: string; wallet: { balanceCents: number }; metrics: { roundsPlayed: number } | null }[];
}

const fullyAnswered = (answer: GraphQLAnswer) =>
  answer.errors === undefined && (answer.data as Players | undefined)?.players.every((player) => player.metrics !== null) === true;

/** During the outage: the users' fields answer, each `metrics` is null with an error naming the analytics database. */
function assertDegraded(answer: GraphQLAnswer): void {
  const players = (answer.data as Players | undefined | null)?.players;
  assert.ok(players, `the users' fields still answer: ${JSON.stringify(answer)}`);
  assert.equal(players.length, 3);
  for (const player of players) {
    assert.ok(player.displayName.length > 0 && Number.isInteger(player.wallet.balanceCents), JSON.stringify(player));
    assert.equal(player.metrics, null, 'only metrics, which needs MongoDB, is null');
  }
  const errors = answer.errors ?? [];
  assert.ok(errors.length > 0, 'the missing metrics are explained');
  for (const error of errors) {
    assert.equal(error.extensions?.['code'], 'UPSTREAM_UNAVAILABLE', JSON.stringify(error));
    assert.equal(error.message, 'the analytics database is unavailable; try again shortly');
    assert.equal((error as { path?: unknown[] }).path?.at(-1), 'metrics', JSON.stringify(error));
  }
}

describe('MongoDB stops under traffic and starts again', () => {
  const sink = new SentryEnvelopeSink();
  const infrastructure = new ProcessGroup(
    () => undefined,
    () => undefined,
  );
  const source = process.env['TEST_MONGO_SOURCE'] === 'mongod' ? 'mongod' : 'standin';
  let dataDir: string;
  let port: number;
  let mongo: ProvidedMongo;
  let stack: TestStack;
  let loop: RequestLoop | undefined;

  const startMongo = async () => {
    mongo = await provideMongo(
      { url: undefined, server: source, port, dataDir: path.join(dataDir, 'mongo') },
      infrastructure,
      () => undefined,
    );
  };
  const stopMongo = async () => {
    if (source === 'standin') await infrastructure.stop('mongo-standin', { graceMs: 2000 });
    else await mongo.stop();
  };

  before(async () => {
    await sink.start();
    dataDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-fault-mongo-'));
    port = await freePort();
    await startMongo();
    stack = await startTestStack({
      env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '1' },
      players: 10,
      rounds: 100,
      mongoUrl: mongo.url,
    });
  });
  after(async () => {
    await loop?.stop();
    await stack?.stop();
    await infrastructure.stopAll();
    await mongo?.stop();
    await sink.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('only the fields that need MongoDB fail, coded and on the trace in Sentry; the service recovers by itself', async () => {
    const healthy = await stack.graphql(QUERY);
    assert.ok(fullyAnswered(healthy), JSON.stringify(healthy));

    loop = new RequestLoop(() => stack.graphql(QUERY));
    await stopMongo();
    const down = loop.now();

    // Readiness says which dependency is down; the process stays up.
    await waitUntil(
      'analytics readiness reporting MongoDB down',
      async () => (await readiness(stack.ports.analytics)).status === 503,
      10_000,
    );
    const ready = await readiness(stack.ports.analytics);
    assert.equal(ready.body.dependencies?.['mongodb']?.status, 'down');

    // Traffic through the outage: wait for a few degraded answers, then check each of them.
    await loop.firstAfter(down, (answer) => answer.errors !== undefined, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const during = loop.answeredBetween(down, loop.now()).filter((probe) => !fullyAnswered(probe.answer));
    assert.ok(during.length >= 2, `requests answered during the outage: ${during.length}`);
    for (const probe of during) assertDegraded(probe.answer);
    const slowest = Math.max(...during.map((probe) => probe.answeredAt - probe.sentAt));
    assert.ok(slowest < 5000, `a request during the outage fails within 5 s, not after the driver's 30 s defaults (slowest ${slowest} ms)`);

    // Each failure is an error event of the analytics subgraph on the request's trace.
    // Of all failed requests (some failed while MongoDB was going down); traceIdsOf says why any of them.
    const traces = traceIdsOf(loop.probes.filter((probe) => !fullyAnswered(probe.answer)).map((probe) => probe.answer));
    const event = await sink.waitForError((e) => traces.has(e.contexts?.trace?.trace_id ?? ''));
    assert.equal(event.server_name, 'analytics');
    assert.equal(event.tags?.['graphql.error_code'], 'UPSTREAM_UNAVAILABLE');
    assert.match(event.exception?.values?.at(-1)?.type ?? '', /^Mongo/, 'the event names the driver error');

    // The other subgraphs keep serving.
    const games = await stack.graphql<{ games: { id: string }[] }>('{ games { id name } }');
    assert.equal(games.errors, undefined, JSON.stringify(games.errors));
    assert.ok(await isLive(stack.ports.analytics), 'the analytics process is still up');

    // A bet does not need analytics: it is played and answered; analytics' miss is reported on its trace.
    const bet = await stack.graphql<{ playRound: { round: { id: string } } }>(
      'mutation Bet($input: PlayRoundInput!) { playRound(input: $input) { balanceCents round { id } } }',
      { input: { playerId: '1', gameId: 'dice-classic', betCents: 10, choice: 'over:50', idempotencyKey: `fault-mongo-${randomUUID()}` } },
      { 'x-scenarios': 'payment-latency=fixed' },
    );
    assert.equal(bet.errors, undefined, JSON.stringify(bet.errors));
    assert.ok(bet.data?.playRound.round.id);
    const betTrace = traceIdOf(bet);
    const missed = await sink.waitForError((e) => e.server_name === 'game' && e.contexts?.trace?.trace_id === betTrace);
    assert.match(missed.exception?.values?.at(-1)?.value ?? '', /analytics service/);

    await startMongo();
    const back = loop.now();
    const recovered = await loop.firstAfter(back, fullyAnswered, 10_000);
    const recoveryMs = recovered.answeredAt - back;
    const readyAgainMs = await waitUntil(
      'analytics ready again',
      async () => (await readiness(stack.ports.analytics)).status === 200,
      10_000,
    );
    const probes = await loop.stop();
    loop = undefined;
    report('mongodb', {
      source,
      outage: seconds(back - down),
      requests: probes.length,
      degradedDuringOutage: during.length,
      slowestDuringOutage: seconds(slowest),
      recovery: seconds(recoveryMs),
      readyAgainAfterRecovery: seconds(readyAgainMs),
    });
    assert.ok(recoveryMs <= 5000, `full answers again within 5 s of MongoDB's return (took ${recoveryMs} ms)`);
    for (const probe of probes) {
      if (!fullyAnswered(probe.answer)) assertDegraded(probe.answer);
    }
  });

  test('stalled (SIGSTOP): requests fail within the driver timeouts, not after 30 s; full answers return after SIGCONT', async (t) => {
    if (source !== 'standin') {
      t.skip('stalls only the stand-in, whose process the test owns');
      return;
    }
    loop = new RequestLoop(() => stack.graphql(QUERY));
    await loop.firstAfter(0, fullyAnswered, 10_000);
    infrastructure.signal('mongo-standin', 'SIGSTOP');
    const down = loop.now();
    await loop.firstAfter(down, (answer) => !fullyAnswered(answer), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const during = loop.probes.filter((probe) => probe.sentAt >= down && !fullyAnswered(probe.answer));
    assert.ok(during.length >= 2, `requests answered during the stall: ${during.length}`);
    for (const probe of during) assertDegraded(probe.answer);
    const slowest = Math.max(...during.map((probe) => probe.answeredAt - probe.sentAt));
    // socketTimeoutMS (5 s) for an operation on an open connection, then the driver's one retry of a
    // read, which needs a server within serverSelectionTimeoutMS (2 s).
    assert.ok(slowest < 8000, `a request fails within the driver's timeouts while MongoDB stalls (slowest ${slowest} ms)`);

    infrastructure.signal('mongo-standin', 'SIGCONT');
    const back = loop.now();
    const recovered = await loop.firstAfter(back, fullyAnswered, 10_000);
    const recoveryMs = recovered.answeredAt - back;
    const probes = await loop.stop();
    loop = undefined;
    report('mongodb-stalled', {
      stall: seconds(back - down),
      requests: probes.length,
      degradedDuringStall: during.length,
      slowestDuringStall: seconds(slowest),
      recovery: seconds(recoveryMs),
    });
    assert.ok(recoveryMs <= 5000, `full answers again within 5 s of MongoDB resuming (took ${recoveryMs} ms)`);
    assert.ok(await isLive(stack.ports.analytics));
  });
});

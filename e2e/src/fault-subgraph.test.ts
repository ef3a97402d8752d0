/**
 * Fault test: a subgraph process dies. The gateway answers the fields it serves with
 * UPSTREAM_UNAVAILABLE naming the subgraph (never its address), reports the failure to Sentry on the
 * request's trace, and requests that do not need it are answered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isLive, traceIdsOf, waitUntil } from './fault-loop.js';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

const GAMES = '{ games { id } }';
const PLAYERS = '{ players(first: 2) { id } }';

describe('a subgraph dies', { timeout: 120_000 }, () => {
  const sink = new SentryEnvelopeSink();
  let stack: TestStack;

  before(async () => {
    await sink.start();
    stack = await startTestStack({ env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '1' }, players: 10, rounds: 100 });
  });
  after(async () => {
    await stack?.stop();
    await sink.stop();
  });

  test('its fields fail with UPSTREAM_UNAVAILABLE naming it, other subgraphs answer, Sentry gets the cause', async () => {
    const stopped = await stack.processes.stop('game');
    const answer = await stack.graphql<{ games: unknown }>(GAMES);
    assert.equal(answer.data?.games ?? null, null, JSON.stringify(answer));
    assert.equal(answer.errors?.length, 1, JSON.stringify(answer.errors));
    const [error] = answer.errors;
    assert.equal(error!.extensions?.['code'], 'UPSTREAM_UNAVAILABLE', JSON.stringify(error));
    assert.equal(error!.extensions?.['dependency'], 'game subgraph');
    assert.equal(error!.message, 'the game subgraph is unavailable; try again shortly');
    assert.doesNotMatch(JSON.stringify(error), /127\.0\.0\.1|localhost|ECONNREFUSED|:\d{4,5}\b/, 'no address, no socket error');

    const traces = traceIdsOf([answer]);
    assert.equal(traces.size, 1, 'the answer names its trace');
    const event = await sink.waitForError((e) => traces.has(e.contexts?.trace?.trace_id ?? ''));
    assert.equal(event.server_name, 'gateway');
    assert.equal(event.tags?.['graphql.error_code'], 'UPSTREAM_UNAVAILABLE');
    assert.match(event.exception?.values?.at(-1)?.value ?? '', /ECONNREFUSED/, 'the event names the real cause');
    const players = await stack.graphql<{ players: { id: string }[] }>(PLAYERS);
    assert.equal(players.data?.players.length, 2, `users still answers: ${JSON.stringify(players)}`);

    stack.processes.start(stopped.spec);
    await waitUntil('game listening again', () => isLive(stack.ports.game), 15_000);
    const again = await stack.graphql<{ games: { id: string }[] }>(GAMES);
    assert.equal(again.errors, undefined, JSON.stringify(again.errors));
    assert.ok((again.data?.games.length ?? 0) > 0);
  });
});

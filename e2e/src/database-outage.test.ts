import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { traceIdOf } from './fault-loop.js';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

describe('the game database goes away', () => {
  let sink: SentryEnvelopeSink;
  let stack: TestStack;

  before(async () => {
    sink = new SentryEnvelopeSink();
    await sink.start();
    stack = await startTestStack({ env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '1' }, players: 10, rounds: 100 });
    const healthy = await stack.graphql('{ game(id: "dice-classic") { name } }');
    assert.equal(healthy.errors, undefined, JSON.stringify(healthy.errors));
    // Dropping the database ends every connection of the game subgraph's pool and refuses new ones.
    const admin = new pg.Client({ connectionString: process.env['TEST_POSTGRES_URL'] });
    await admin.connect();
    try {
      const name = new URL(stack.databases.gameDatabaseUrl).pathname.slice(1);
      await admin.query(`drop database "${name}" with (force)`);
    } finally {
      await admin.end();
    }
  });
  after(async () => {
    await stack?.stop();
    await sink?.stop();
  });

  for (const [what, query] of [
    ['one game', '{ game(id: "dice-classic") { id name } }'],
    ["a player's rounds' games", '{ players(first: 2) { id rounds(last: 2) { id game { name } } } }'],
  ] as const) {
    test(`${what}: a coded error naming the game database, not NOT_FOUND, and an error event on the request's trace`, async () => {
      const answer = await stack.graphql(query);
      const errors = answer.errors ?? [];
      assert.ok(errors.length > 0, `the query fails while the database is gone: ${JSON.stringify(answer)}`);
      for (const error of errors) {
        assert.notEqual(error.extensions?.['code'], 'NOT_FOUND', error.message);
        assert.equal(error.extensions?.['code'], 'UPSTREAM_UNAVAILABLE', error.message);
        assert.match(error.message, /game database/);
        assert.doesNotMatch(error.message, /\bselect\b|\n\s+at /i, 'no SQL and no stack trace in the message');
      }
      const traceId = traceIdOf(answer);
      assert.match(traceId ?? '', /^[0-9a-f]{32}$/);
      const event = await sink.waitForError((e) => e.contexts?.trace?.trace_id === traceId);
      assert.equal(event.server_name, 'game');
      assert.equal(event.level, 'error');
      assert.match(event.exception?.values?.at(-1)?.value ?? '', /does not exist|terminat|ECONNREFUSED/, 'the event names the real cause');
      // The gateway relays the subgraph's error without reporting it a second time.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const onTrace = sink.errors.filter((e) => e.contexts?.trace?.trace_id === traceId);
      assert.deepEqual(new Set(onTrace.map((e) => e.server_name)), new Set(['game']));
    });
  }

  test('the other subgraphs keep serving and the game process stays up', async () => {
    const players = await stack.graphql<{ players: { id: string }[] }>('{ players(first: 2) { id wallet { balanceCents } } }');
    assert.equal(players.errors, undefined, JSON.stringify(players.errors));
    assert.equal(players.data!.players.length, 2);
    const live = await fetch(`http://127.0.0.1:${stack.ports.game}/health/live`);
    assert.equal(live.status, 200, 'the game subgraph is still running');
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { transactionsFromEnvelope } from './envelope.js';
import { nPlusOneFromUsers, transaction } from './test-transactions.js';

const envelopeHeader = JSON.stringify({ event_id: 'e1', sent_at: '2026-11-29T12:00:00.000Z', sdk: { name: 'sentry.javascript.node' } });
const line = (value: unknown) => JSON.stringify(value);

test('envelope: the transaction items, in order, and nothing of the other items; a trailing newline is fine', () => {
  const users = nPlusOneFromUsers();
  const game = transaction([], { server_name: 'game', transaction: 'GET /health' });
  const text = [
    envelopeHeader,
    line({ type: 'transaction' }),
    line(users),
    line({ type: 'client_report' }),
    line({ timestamp: 1, discarded_events: [{ reason: 'sample_rate', category: 'transaction', quantity: 3 }] }),
    line({ type: 'event' }),
    line({ ...game, type: 'event', level: 'error' }),
    line({ type: 'transaction' }),
    line(game),
    '',
  ].join('\n');
  assert.deepEqual(transactionsFromEnvelope(text), [users, game]);
});

test('envelope: a transaction as the Node SDK sends it, its trace context without timestamps', () => {
  const event = {
    contexts: {
      trace: {
        parent_span_id: '811b3911965ea98a',
        span_id: '9d68293bd52478b5',
        trace_id: '47cb5d4cfdaa4e0ab8842804339b8af7',
        data: { 'sentry.op': 'http.server', 'http.route': '/graphql', 'scenario.n-plus-one': 'slow' },
        op: 'http.server',
        status: 'ok',
        origin: 'auto.http.http_server',
      },
    },
    spans: [
      {
        span_id: 'a1b2c3d4e5f60718',
        parent_span_id: '9d68293bd52478b5',
        trace_id: '47cb5d4cfdaa4e0ab8842804339b8af7',
        op: 'db',
        description: 'select * from "players" limit $1',
        start_timestamp: 1764417600.101,
        timestamp: 1764417600.104,
        status: 'ok',
        origin: 'auto.db.otel.postgres',
        data: { 'db.system': 'postgresql' },
      },
    ],
    start_timestamp: 1764417600.1,
    timestamp: 1764417600.2,
    transaction: 'POST /graphql',
    type: 'transaction',
    transaction_info: { source: 'route' },
    server_name: 'users',
    platform: 'node',
    environment: 'local',
    release: 'trace-arcade@0.1.0',
    tags: {},
    sdk: { name: 'sentry.javascript.node', version: '11.0.0' },
  };
  const text = [envelopeHeader, line({ type: 'transaction' }), line(event), ''].join('\n');
  assert.deepEqual(transactionsFromEnvelope(text), [event]);
});

test('envelope: an item header with a length takes that many UTF-8 bytes, newlines included', () => {
  const pretty = JSON.stringify(transaction([], { server_name: 'users', transaction: 'POST /graphql – joueurs é' }), null, 2);
  const bytes = new TextEncoder().encode(pretty).length;
  assert.ok(bytes > pretty.length, 'the payload has multi-byte characters, so bytes and characters differ');
  const plain = transaction([], { server_name: 'game' });
  const text = [envelopeHeader, line({ type: 'transaction', length: bytes }), pretty, line({ type: 'transaction' }), line(plain)].join(
    '\n',
  );
  const [first, second, ...rest] = transactionsFromEnvelope(text);
  assert.deepEqual(rest, []);
  assert.equal(first?.transaction, 'POST /graphql – joueurs é');
  assert.equal(first?.server_name, 'users');
  assert.deepEqual(second, plain);
});

test('envelope: a length-0 item and a last item with no newline after it', () => {
  const plain = transaction([], { server_name: 'game' });
  const text = [
    envelopeHeader,
    line({ type: 'attachment', length: 0 }),
    '',
    line({ type: 'transaction', length: 0 }),
    '',
    line({ type: 'transaction' }),
    line(plain),
  ].join('\n');
  assert.deepEqual(transactionsFromEnvelope(text), [plain]);
});

test('envelope: malformed lines are skipped, never thrown', () => {
  const good = transaction([], { server_name: 'users' });
  const text = [
    envelopeHeader,
    '{"type": "transaction"', // item header cut short: it and its payload line are skipped
    line(good),
    line({ type: 'transaction' }),
    '{"type":"transaction","spans":[', // payload cut short
    line({ type: 'transaction' }),
    line({ type: 'transaction', transaction: 'no trace context', spans: [] }), // not a transaction the detectors can read
    line({ type: 'transaction' }),
    line({ ...good, spans: [{ span_id: 'x' }] }), // a span without timestamps
    line({ type: 'transaction' }),
    line(good),
  ].join('\n');
  assert.deepEqual(transactionsFromEnvelope(text), [good]);
  for (const garbage of ['', '\n', 'not json', '{}', '{}\n', '{}\n{"type":"transaction"}', '[1,2]\n"x"\nnull\n\n\n']) {
    assert.deepEqual(transactionsFromEnvelope(garbage), [], `for ${JSON.stringify(garbage)}`);
  }
});

test('envelope: a transaction without child spans gets an empty span list', () => {
  const { spans: _spans, ...withoutSpans } = transaction([]);
  const [parsed] = transactionsFromEnvelope([envelopeHeader, line({ type: 'transaction' }), line(withoutSpans)].join('\n'));
  assert.deepEqual(parsed?.spans, []);
});

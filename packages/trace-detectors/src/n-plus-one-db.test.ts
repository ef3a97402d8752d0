import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectNPlusOneDb } from './n-plus-one-db.js';
import { totalSpanTimeMs } from './span-time.js';
import type { SentryTransaction } from './sentry-event.js';
import { span, transaction } from './test-transactions.js';

test('N+1: five repeated queries after a source query, 50 ms in total, are flagged; four are not', () => {
  const source = span('db', 'select * from "players" limit $1', 10, 15);
  const repeated = (count: number, each: number) =>
    Array.from({ length: count }, (_, i) =>
      span('db', 'select * from "rounds" where "player_id" = $1', 20 + i * each, 20 + (i + 1) * each),
    );
  assert.equal(detectNPlusOneDb(transaction([source, ...repeated(5, 12)])).length, 1);
  assert.equal(detectNPlusOneDb(transaction([source, ...repeated(4, 20)])).length, 0);
});

test('N+1: overlapping time counts once toward the 50 ms', () => {
  const overlapping = Array.from({ length: 10 }, () => span('db', 'select 1 where id = $1', 100, 130));
  assert.equal(totalSpanTimeMs(overlapping), 30);
  const source = span('db', 'select * from "players"', 0, 5);
  assert.equal(detectNPlusOneDb(transaction([source, ...overlapping])).length, 0);
});

test('N+1: a different span between the repeated ones breaks the run', () => {
  const source = span('db', 'select * from "players"', 0, 5);
  const spans = [source];
  for (let i = 0; i < 6; i++) {
    spans.push(span('db', 'select * from "rounds" where id = $1', 10 + i * 40, 30 + i * 40));
    spans.push(span('http.client', 'GET http://x/', 31 + i * 40, 32 + i * 40));
  }
  assert.equal(detectNPlusOneDb(transaction(spans)).length, 0);
});

test('N+1: the problem names the repeated statement, counts it and times it', () => {
  const source = span('db', 'select * from "players" limit $1', 10, 15);
  const repeated = Array.from({ length: 6 }, (_, i) =>
    span('db', 'select * from "rounds" where "player_id" = $1', 20 + i * 10, 30 + i * 10),
  );
  assert.deepEqual(detectNPlusOneDb(transaction([source, ...repeated])), [
    { detector: 'n-plus-one-db', description: 'select * from "rounds" where "player_id" = $1', offenders: 6, ms: 60 },
  ]);
});

test('N+1: repeats with no source query before them are not flagged', () => {
  const repeated = Array.from({ length: 10 }, (_, i) => span('db', 'select * from "games" where "id" = $1', i * 10, i * 10 + 10));
  assert.deepEqual(detectNPlusOneDb(transaction(repeated)), []);
});

/**
 * Two concurrent resolvers (as slow-aggregation's `leaderboard` and `dailyStats`), each a `scenario`
 * span with its own source query and a run of `getMore`s; their children overlap in time, so sorted
 * by start time they alternate, while the event carries each resolver's spans together.
 */
function concurrentResolvers(): SentryTransaction {
  const resolverSpans = (id: string, offsetMs: number, source: string) => [
    { ...span('scenario', 'slow-aggregation (slow)', offsetMs, offsetMs + 200, 'execute'), span_id: id },
    span('db', source, offsetMs + 1, offsetMs + 9, id),
    ...Array.from({ length: 6 }, (_, i) =>
      span('db', '{"getMore":"?","collection":"?","batchSize":"?"}', offsetMs + 10 + i * 20, offsetMs + 25 + i * 20, id),
    ),
  ];
  return transaction([
    ...resolverSpans('leaderboard', 0, '{"find":"?","projection":{"playerId":"?"}}'),
    ...resolverSpans('daily-stats', 5, '{"find":"?","filter":{"gameId":"?"}}'),
  ]);
}

test('N+1: spans are visited in the order the event carries them, not sorted by start time', () => {
  const carried = concurrentResolvers();
  const starts = carried.spans.map((s) => s.start_timestamp);
  assert.notDeepEqual(
    starts,
    [...starts].sort((a, b) => a - b),
    'the fixture carries its spans out of start order',
  );
  const problems = detectNPlusOneDb(carried);
  assert.deepEqual(
    problems.map(({ description, offenders }) => ({ description, offenders })),
    [
      { description: '{"getMore":"?","collection":"?","batchSize":"?"}', offenders: 6 },
      { description: '{"getMore":"?","collection":"?","batchSize":"?"}', offenders: 6 },
    ],
  );
  const sorted = { ...carried, spans: [...carried.spans].sort((a, b) => a.start_timestamp - b.start_timestamp) };
  assert.deepEqual(detectNPlusOneDb(sorted), [], 'in start order the two runs alternate and neither is a run');
});

test('N+1: the same N+1 twice in one transaction (same parent, source and statement) is one problem, as one fingerprint', () => {
  const source = () => span('db', 'select * from "players" limit $1', 0, 5);
  const lookups = (from: number) =>
    Array.from({ length: 5 }, (_, i) => span('db', 'select * from "rounds" where "id" = $1', from + i * 12, from + (i + 1) * 12));
  const twice = transaction([source(), ...lookups(10), span('http.client', 'GET http://x/', 80, 81), source(), ...lookups(100)]);
  assert.equal(detectNPlusOneDb(twice).length, 1);
  const otherSource = transaction([
    source(),
    ...lookups(10),
    span('http.client', 'GET http://x/', 80, 81),
    span('db', 'select * from "games"', 90, 95),
    ...lookups(100),
  ]);
  assert.equal(detectNPlusOneDb(otherSource).length, 2, 'a different source query is a different fingerprint');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectNPlusOneDb } from './n-plus-one-db.js';
import { totalSpanTimeMs } from './span-time.js';
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

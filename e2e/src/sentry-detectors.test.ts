import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectConsecutiveHttp, detectNPlusOneDb, totalSpanTimeMs } from './sentry-detectors.js';
import type { SentrySpan, SentryTransaction } from './sentry-envelope-sink.js';

let nextId = 0;
function span(op: string, description: string, startMs: number, endMs: number, parent = 'execute'): SentrySpan {
  return {
    span_id: `s${nextId++}`,
    parent_span_id: parent,
    trace_id: 't',
    op,
    description,
    start_timestamp: startMs / 1000,
    timestamp: endMs / 1000,
  };
}
function transaction(spans: SentrySpan[]): SentryTransaction {
  const root = { span_id: 'root', trace_id: 't', op: 'http.server', start_timestamp: 0, timestamp: 10 };
  const execute = { ...span('graphql.execute', 'query', 0, 9000, 'root'), span_id: 'execute' };
  return {
    type: 'transaction',
    transaction: 'POST /graphql',
    contexts: { trace: root },
    spans: [execute, ...spans],
    start_timestamp: 0,
    timestamp: 10,
  };
}

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

test('consecutive HTTP: three 700 ms calls one after another are flagged; in parallel they are not', () => {
  const sequential = [0, 1, 2, 3].map((i) => span('http.client', `POST http://pay/v1/check-${i}`, i * 710, i * 710 + 700));
  assert.equal(detectConsecutiveHttp(transaction(sequential)).length, 1);
  const parallel = [0, 1, 2, 3].map((i) => span('http.client', `POST http://pay/v1/check-${i}`, 0, 700));
  assert.equal(detectConsecutiveHttp(transaction(parallel)).length, 0);
});

test('consecutive HTTP: four 600 ms calls save only 1800 ms, under the 2000 ms threshold', () => {
  const four = [0, 1, 2, 3].map((i) => span('http.client', `POST http://pay/v1/check-${i}`, i * 610, i * 610 + 600));
  assert.equal(detectConsecutiveHttp(transaction(four)).length, 0);
  const five = [0, 1, 2, 3, 4].map((i) => span('http.client', `POST http://pay/v1/check-${i}`, i * 610, i * 610 + 600));
  assert.equal(detectConsecutiveHttp(transaction(five)).length, 1);
});

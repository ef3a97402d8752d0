import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateRows, parseAggregate } from './aggregate.js';

const spans = [20, 1, 5, 3, 100, 2, 4].map((duration) => ({
  'span.duration': duration,
  'db.operation.name': duration > 10 ? 'find' : 'getMore',
}));

test('span aggregates over the rows: count, sum, avg, min, max, nearest-rank percentiles, count_unique', () => {
  const value = (text: string) => aggregateRows(parseAggregate(text, false), spans);
  assert.equal(value('count()'), 7);
  assert.equal(value('sum(span.duration)'), 135);
  assert.equal(value('avg(span.duration)'), 135 / 7);
  assert.equal(value('min(span.duration)'), 1);
  assert.equal(value('max(span.duration)'), 100);
  assert.equal(value('p50(span.duration)'), 4);
  assert.equal(value('p95(span.duration)'), 100);
  assert.equal(value('count_unique(db.operation.name)'), 2);
  assert.equal(aggregateRows(parseAggregate('p95(span.duration)', false), []), null);
});

test('a trace-metric aggregate reads only the metric and type it names', () => {
  const rows = [
    { 'metric.name': 'db.pool.wait', 'metric.type': 'distribution', value: 900 },
    { 'metric.name': 'db.pool.wait', 'metric.type': 'distribution', value: 10 },
    { 'metric.name': 'event_loop.delay.max', 'metric.type': 'distribution', value: 5000 },
  ];
  const aggregate = parseAggregate('max(value,db.pool.wait,distribution,millisecond)', true);
  assert.deepEqual(aggregate.metric, { name: 'db.pool.wait', type: 'distribution', unit: 'millisecond' });
  assert.equal(aggregateRows(aggregate, rows), 900);
  assert.equal(aggregateRows(parseAggregate('count(value,db.pool.wait,distribution,-)', true), rows), 2);
});

test('malformed aggregates are refused with what was expected', () => {
  assert.throws(() => parseAggregate('p95 span.duration', false), {
    name: 'AggregateError',
    message: 'aggregate: expected fn(arg); got "p95 span.duration"',
  });
  assert.throws(() => parseAggregate('median(span.duration)', false), {
    message: /expected one of count, count_unique, sum, .*; got "median"/,
  });
  assert.throws(() => parseAggregate('sum()', false), { message: 'aggregate: expected sum(<field>); got "sum()"' });
  assert.throws(() => parseAggregate('p95(span.duration)', true), {
    message:
      'trace-metric aggregate: expected a trace-metric aggregate fn(value,<metric name>,<counter|gauge|distribution>,<unit or ->); got "p95(span.duration)" with 1 argument',
  });
  assert.throws(() => parseAggregate('max(value,db.pool.wait,histogram,millisecond)', true), { message: /trace-metric aggregate/ });
});

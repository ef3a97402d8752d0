import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlertRule } from './definitions.js';
import { evaluateAlertRule } from './evaluate-alert-rule.js';
import { metric, signals, span, transaction } from './test-signals.js';

const poolWait: AlertRule = {
  name: 'pool wait',
  dataset: 'events_analytics_platform',
  eventTypes: ['trace_item_metric'],
  aggregate: 'p95(value,db.pool.wait,distribution,millisecond)',
  query: 'db.pool.name:bet',
  timeWindow: 5,
  thresholdType: 0,
  triggers: [
    { label: 'critical', alertThreshold: 500, actions: [] },
    { label: 'warning', alertThreshold: 200, actions: [] },
  ],
};

const waits = (...values: number[]) =>
  signals({ metrics: values.map((value) => metric('db.pool.wait', 'distribution', 'millisecond', value, { 'db.pool.name': 'bet' })) });

test('a rule fires its critical trigger above the critical threshold, its warning between the two, none below', () => {
  assert.deepEqual(evaluateAlertRule(poolWait, waits(900, 1200, 40)), {
    name: 'pool wait',
    aggregate: poolWait.aggregate,
    value: 1200,
    fires: 'critical',
    threshold: 500,
  });
  assert.equal(evaluateAlertRule(poolWait, waits(300)).fires, 'warning');
  assert.equal(evaluateAlertRule(poolWait, waits(20, 60)).fires, null);
  assert.equal(evaluateAlertRule(poolWait, waits()).value, null);
  assert.equal(evaluateAlertRule(poolWait, waits()).fires, null);
});

test("the rule's query selects the rows: another pool's waits do not count", () => {
  const other = signals({ metrics: [metric('db.pool.wait', 'distribution', 'millisecond', 5000, { 'db.pool.name': 'read' })] });
  assert.equal(evaluateAlertRule(poolWait, other).fires, null);
});

test('thresholdType 1 fires below; a span rule reads spans', () => {
  const spanRule: AlertRule = {
    ...poolWait,
    eventTypes: ['trace_item_span'],
    aggregate: 'count()',
    query: 'span.op:db',
    thresholdType: 1,
    triggers: [{ label: 'critical', alertThreshold: 2, actions: [] }],
  };
  const one = signals({ transactions: [transaction('t', 'users', 10, [span('db', 'select 1', 0, 1)])] });
  assert.equal(evaluateAlertRule(spanRule, one).fires, 'critical');
});

test('a rule the evaluation cannot read is refused with its name', () => {
  assert.throws(() => evaluateAlertRule({ ...poolWait, eventTypes: ['transaction'] }, waits(1)), {
    name: 'AlertRuleEvaluationError',
    message: 'alert rule "pool wait": expected one event type of trace_item_metric, trace_item_span, error; got ["transaction"]',
  });
  assert.throws(() => evaluateAlertRule({ ...poolWait, triggers: [] }, waits(1)), {
    message: 'alert rule "pool wait": expected a critical trigger; got none',
  });
  assert.throws(() => evaluateAlertRule({ ...poolWait, aggregate: 'p95(span.duration)' }, waits(1)), {
    message: /^alert rule "pool wait": trace-metric aggregate/,
  });
});

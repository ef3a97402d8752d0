import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateAlertRule } from './validate-alert-rule.js';

const POOL_WAIT = 'p95(value,db.pool.wait,distribution,millisecond)';

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Connection pool wait',
    dataset: 'events_analytics_platform',
    eventTypes: ['trace_item_metric'],
    aggregate: POOL_WAIT,
    query: '',
    timeWindow: 5,
    thresholdType: 0,
    resolveThreshold: null,
    triggers: [
      { label: 'critical', alertThreshold: 500, actions: [] },
      { label: 'warning', alertThreshold: 200, actions: [] },
    ],
    environment: null,
    ...overrides,
  };
}

function onlyProblem(body: unknown, path: string): string {
  const problems = validateAlertRule(body);
  assert.deepEqual(
    problems.map((problem) => problem.path),
    [path],
    `expected one problem at ${path}; got ${JSON.stringify(problems)}`,
  );
  return problems[0]?.message ?? '';
}

test('alert rule: valid trace-metric and span rules are accepted', () => {
  assert.deepEqual(validateAlertRule(rule()), []);
  const spans = rule({ eventTypes: ['trace_item_span'], aggregate: 'p95(span.duration)', query: 'span.op:db', timeWindow: 15 });
  assert.deepEqual(validateAlertRule(spans), []);
  const minimal = rule({ triggers: [{ label: 'critical', alertThreshold: 500 }] });
  assert.deepEqual(validateAlertRule(minimal), []);
  const emailed = rule({
    triggers: [{ label: 'critical', alertThreshold: 500, actions: [{ type: 'email', targetType: 'team', targetIdentifier: '42' }] }],
  });
  assert.deepEqual(validateAlertRule(emailed), []);
});

test('alert rule: a body that is not an object is refused', () => {
  assert.equal(onlyProblem('rule', ''), 'expected an alert rule as a JSON object; got "rule"');
});

test('alert rule: a missing name and a name over 256 characters are refused', () => {
  assert.equal(onlyProblem(rule({ name: undefined }), 'name'), 'expected an alert rule name; got nothing (the key is required)');
  assert.equal(onlyProblem(rule({ name: 'n'.repeat(257) }), 'name'), 'expected at most 256 characters; got 257');
  assert.deepEqual(validateAlertRule(rule({ name: 'n'.repeat(256) })), []);
});

test('alert rule: a time window Sentry does not offer is refused, and under 5 minutes on events_analytics_platform', () => {
  assert.equal(
    onlyProblem(rule({ timeWindow: 7 }), 'timeWindow'),
    'expected one of 5, 10, 15, 30, 60, 120, 240, 1440 minutes (at least 5 minutes on events_analytics_platform); got 7',
  );
  assert.equal(
    onlyProblem(rule({ timeWindow: 1 }), 'timeWindow'),
    'expected one of 5, 10, 15, 30, 60, 120, 240, 1440 minutes (at least 5 minutes on events_analytics_platform); got 1',
  );
  assert.deepEqual(validateAlertRule(rule({ dataset: 'events', eventTypes: ['error'], aggregate: 'count()', timeWindow: 1 })), []);
  assert.equal(onlyProblem(rule({ timeWindow: '5m' }), 'timeWindow'), 'expected an integer; got "5m"');
});

test('alert rule: a rule without a critical trigger is refused', () => {
  assert.equal(
    onlyProblem(rule({ triggers: [{ label: 'warning', alertThreshold: 200, actions: [] }] }), 'triggers[0].label'),
    'expected "critical" (the first trigger is the critical one, which every alert rule needs); got "warning"',
  );
  assert.equal(
    onlyProblem(rule({ triggers: [] }), 'triggers'),
    'expected 1 or 2 triggers, a critical trigger and an optional warning trigger; got 0',
  );
  assert.equal(
    onlyProblem(rule({ triggers: undefined }), 'triggers'),
    'expected a critical trigger and an optional warning trigger; got nothing (the key is required)',
  );
});

test('alert rule: a second trigger must be the warning one, and its threshold a number', () => {
  const twoCritical = rule({
    triggers: [
      { label: 'critical', alertThreshold: 500 },
      { label: 'critical', alertThreshold: 200 },
    ],
  });
  assert.equal(onlyProblem(twoCritical, 'triggers[1].label'), 'expected "warning" (the second trigger is the warning one); got "critical"');
  const textThreshold = rule({ triggers: [{ label: 'critical', alertThreshold: '500' }] });
  assert.equal(onlyProblem(textThreshold, 'triggers[0].alertThreshold'), 'expected a number; got "500"');
});

test('alert rule: a thresholdType other than 0 or 1 is refused', () => {
  assert.equal(onlyProblem(rule({ thresholdType: 2 }), 'thresholdType'), 'expected one of 0, 1; got 2');
  assert.equal(onlyProblem(rule({ thresholdType: 'above' }), 'thresholdType'), 'expected one of 0, 1; got "above"');
});

test('alert rule: a warning threshold beyond the critical one is refused', () => {
  const above = rule({
    triggers: [
      { label: 'critical', alertThreshold: 200 },
      { label: 'warning', alertThreshold: 500 },
    ],
  });
  assert.equal(
    onlyProblem(above, 'triggers[0].alertThreshold'),
    'expected the critical threshold above the warning threshold (500) for thresholdType 0; got 200',
  );
  // Below: the critical threshold is the lower one.
  const below = rule({
    thresholdType: 1,
    triggers: [
      { label: 'critical', alertThreshold: 500 },
      { label: 'warning', alertThreshold: 200 },
    ],
  });
  assert.equal(
    onlyProblem(below, 'triggers[0].alertThreshold'),
    'expected the critical threshold below the warning threshold (200) for thresholdType 1; got 500',
  );
});

test('alert rule: a resolve threshold on the alerting side of a trigger is refused, with the integer step Sentry allows', () => {
  assert.equal(
    onlyProblem(rule({ resolveThreshold: 300 }), 'triggers[1].alertThreshold'),
    'expected the warning threshold above the resolve threshold (300) for thresholdType 0; got 200',
  );
  // Alert above 200, resolve below 201: Sentry's boundary case, valid.
  assert.deepEqual(validateAlertRule(rule({ resolveThreshold: 201 })), []);
  assert.equal(
    onlyProblem(rule({ resolveThreshold: 200.5 }), 'triggers[1].alertThreshold'),
    'expected the warning threshold above the resolve threshold (200.5) for thresholdType 0; got 200',
  );
  assert.equal(onlyProblem(rule({ resolveThreshold: '100' }), 'resolveThreshold'), 'expected a number or null; got "100"');
});

test('alert rule: an unknown dataset, and event types that do not fit the dataset, are refused', () => {
  assert.equal(
    onlyProblem(rule({ dataset: 'spans' }), 'dataset'),
    'expected one of "events", "transactions", "generic_metrics", "metrics", "events_analytics_platform"; got "spans"',
  );
  assert.equal(
    onlyProblem(rule({ eventTypes: ['transaction'] }), 'eventTypes'),
    'expected event types valid for dataset "events_analytics_platform" ("trace_item_span", "trace_item_log", "trace_item_metric"); got ["transaction"]',
  );
  assert.equal(
    onlyProblem(rule({ dataset: 'events', eventTypes: ['trace_item_span'], aggregate: 'count()' }), 'eventTypes'),
    'expected event types valid for dataset "events" ("error", "default"); got ["trace_item_span"]',
  );
});

test('alert rule: events_analytics_platform needs exactly one event type', () => {
  const message =
    'expected exactly one event type for dataset "events_analytics_platform" ("trace_item_span", "trace_item_log", "trace_item_metric"); got ';
  assert.equal(onlyProblem(rule({ eventTypes: undefined }), 'eventTypes'), `${message}nothing`);
  assert.equal(onlyProblem(rule({ eventTypes: ['trace_item_metric', 'trace_item_span'] }), 'eventTypes'), `${message}an array of 2`);
});

test('alert rule: a queryType that does not take the dataset is refused', () => {
  assert.equal(
    onlyProblem(rule({ queryType: 0 }), 'queryType'),
    'expected a queryType that takes dataset "events_analytics_platform" (queryType 0 takes events); got 0',
  );
  assert.deepEqual(validateAlertRule(rule({ queryType: 1 })), []);
});

test('alert rule: an aggregate that is not fn(arg), or a trace-metric aggregate without its metric, is refused', () => {
  assert.equal(
    onlyProblem(rule({ eventTypes: ['trace_item_span'], aggregate: 'p95 span.duration' }), 'aggregate'),
    'expected an aggregate fn(arg), such as count() or p95(span.duration) ("Please pass a valid function for aggregation"); got "p95 span.duration"',
  );
  assert.equal(
    onlyProblem(rule({ aggregate: 'p95(value,db.pool.wait)' }), 'aggregate'),
    'expected a trace-metric aggregate fn(value,<metric name>,<counter|gauge|distribution>,<unit or ->); got "p95(value,db.pool.wait)" with 2 arguments',
  );
  assert.equal(
    onlyProblem(rule({ eventTypes: ['trace_item_span'] }), 'aggregate'),
    `expected an aggregate over trace_item_span fields, such as p95(span.duration); got the trace-metric aggregate "${POOL_WAIT}" (use eventTypes ["trace_item_metric"])`,
  );
});

test('alert rule: an action without a target, and the projects the apply command adds, are refused', () => {
  const untargeted = rule({ triggers: [{ label: 'critical', alertThreshold: 500, actions: [{ type: 'email', targetType: 'user' }] }] });
  assert.equal(
    onlyProblem(untargeted, 'triggers[0].actions[0].targetIdentifier'),
    'expected a target (a user, team or integration target id, or a Slack inputChannelId); got nothing',
  );
  assert.equal(
    onlyProblem(rule({ projects: ['game'] }), 'projects'),
    'expected no projects (the apply command adds the project it is given); got an array of 1',
  );
});

test('alert rule: an unsupported query and a project filter are refused', () => {
  assert.equal(
    onlyProblem(rule({ query: 'release:latest' }), 'query'),
    'expected a supported query; got "release:latest" ("Unsupported Query: We do not currently support the release:latest query")',
  );
  assert.equal(
    onlyProblem(rule({ query: 'project:game' }), 'query'),
    'expected no project filter ("Project is an invalid search term"); got "project:game"',
  );
});

test('alert rule: crash-rate (metrics) rules take only their own time windows', () => {
  const crash = rule({
    dataset: 'metrics',
    eventTypes: undefined,
    aggregate: 'percentage(sessions_crashed, sessions) AS _crash_rate_alert_aggregate',
    timeWindow: 5,
  });
  assert.equal(
    onlyProblem(crash, 'timeWindow'),
    'expected one of 30, 60, 120, 240, 720, 1440 minutes for a crash rate (metrics) alert; got 5',
  );
});

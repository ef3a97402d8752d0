import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAYMENT_LATENCY_FIXED_EVENT, PAYMENT_LATENCY_SLOW_EVENT } from './captured-events.js';
import { signalsFromEnvelope } from './envelope.js';
import { findingsOf, type MetricAlertRule } from './findings.js';
import { signalsFromSpotlightEvent } from './spotlight-event.js';
import { nPlusOneFromUsers } from './test-transactions.js';
import type { TraceMetric } from './trace-metric.js';
import { emptySignals, signalsOfTrace } from './trace-signals.js';

const TRACE = 't';

/** An ANR event as @sentry/node 11's ANR worker builds it (`anr/worker-script.js`): type, value, mechanism, frames oldest first. */
function anrEvent(traceId = TRACE) {
  return {
    event_id: 'a'.repeat(32),
    platform: 'node',
    level: 'error',
    tags: { service: 'users' },
    contexts: { trace: { trace_id: traceId, span_id: 'b'.repeat(16) } },
    exception: {
      values: [
        {
          type: 'ApplicationNotResponding',
          value: 'Application Not Responding for at least 500 ms',
          mechanism: { type: 'ANR' },
          stacktrace: {
            frames: [
              { function: 'processTicksAndRejections', filename: 'node:internal/process/task_queues', in_app: false },
              {
                function: 'checkDisplayName',
                filename: '/app/subgraphs/users/dist/scenarios/regex-backtracking.js',
                lineno: 31,
                in_app: true,
              },
              { function: 'RegExp.test', filename: '<anonymous>', in_app: false },
            ],
          },
        },
      ],
    },
  };
}

/** An error event as the service runtime's error-reporting plugin sends it for a reportable GraphQL error. */
function guardErrorEvent() {
  return {
    event_id: 'c'.repeat(32),
    level: 'error',
    tags: { service: 'analytics', 'graphql.error_code': 'LOOP_GUARD_TRIPPED' },
    contexts: { trace: { trace_id: TRACE, span_id: 'd'.repeat(16) } },
    exception: { values: [{ type: 'GraphQLError', value: 'the pagination loop did not advance: stopped after 10000 pages' }] },
  };
}

function metric(name: string, value: number, timestamp: number, service = 'game'): TraceMetric {
  return {
    timestamp,
    trace_id: TRACE,
    name,
    type: 'distribution',
    unit: 'millisecond',
    value,
    attributes: { service: { value: service, type: 'string' } },
  };
}

const POOL_WAIT: MetricAlertRule = {
  metric: 'db.pool.wait',
  aggregate: 'p95',
  above: 500,
  unit: 'millisecond',
  where: 'Dashboards → pool wait p95',
};
const HEAP: MetricAlertRule = {
  metric: 'process.heap.used',
  aggregate: 'growth',
  above: 10_000_000,
  unit: 'byte',
  where: 'Dashboards → heap',
};

test('findings: the performance issue of a captured slow payment-latency run, none for its fixed twin', () => {
  const slow = signalsFromSpotlightEvent(PAYMENT_LATENCY_SLOW_EVENT);
  const traceId = slow.transactions[0]!.contexts.trace.trace_id;
  const [finding, ...rest] = findingsOf(traceId, slow);
  assert.deepEqual(rest, []);
  assert.ok(finding, 'expected one finding; got none');
  assert.equal(finding.kind, 'performance-issue');
  assert.match(finding.title, /^Consecutive HTTP: 5 calls, [\d.]+ s saveable in game$/);
  assert.equal(finding.where, 'Issues → Consecutive HTTP; Insights → Outbound API Requests');
  assert.deepEqual(finding.link, { page: 'trace', traceId });
  const fixed = signalsFromSpotlightEvent(PAYMENT_LATENCY_FIXED_EVENT);
  assert.deepEqual(findingsOf(fixed.transactions[0]!.contexts.trace.trace_id, fixed), []);
});

test('findings: an N+1 transaction is an N+1 Query issue', () => {
  const findings = findingsOf(TRACE, { ...emptySignals(), transactions: [nPlusOneFromUsers()] });
  assert.deepEqual(
    findings.map(({ kind, title }) => ({ kind, title })),
    [{ kind: 'performance-issue', title: 'N+1 Query: 200 repeated statements in users' }],
  );
});

test('findings: an ApplicationNotResponding event is a blocked event loop, named by its service and its last in-app frame', () => {
  const signals = signalsFromEnvelope(
    [JSON.stringify({ event_id: 'a'.repeat(32) }), JSON.stringify({ type: 'event' }), JSON.stringify(anrEvent())].join('\n'),
  );
  assert.deepEqual(findingsOf(TRACE, signals), [
    {
      kind: 'blocked-event-loop',
      title: 'Event loop blocked in users at checkDisplayName (/app/subgraphs/users/dist/scenarios/regex-backtracking.js:31)',
      where: 'Issues → Event Loop Blocked (ApplicationNotResponding); Profiles → hottest frame',
      link: { page: 'error', eventId: 'a'.repeat(32) },
    },
  ]);
});

test('findings: another error event on the trace is an error finding with its GraphQL code', () => {
  const signals = { ...emptySignals(), errors: [guardErrorEvent()] };
  assert.deepEqual(findingsOf(TRACE, signals), [
    {
      kind: 'error',
      title: 'Error LOOP_GUARD_TRIPPED in analytics: GraphQLError: the pagination loop did not advance: stopped after 10000 pages',
      where: 'Issues → GraphQLError (graphql.error_code LOOP_GUARD_TRIPPED)',
      link: { page: 'error', eventId: 'c'.repeat(32) },
    },
  ]);
});

test('findings: a metric alert fires when the aggregate is above its threshold, and not at or below it', () => {
  const waits = (values: number[]) => ({ ...emptySignals(), metrics: values.map((value, index) => metric('db.pool.wait', value, index)) });
  const [finding, ...rest] = findingsOf(TRACE, waits([0.1, 700, 1300, 4700]), [POOL_WAIT]);
  assert.deepEqual(rest, []);
  assert.equal(finding?.kind, 'metric');
  assert.equal(finding?.title, "db.pool.wait p95 4700 ms over 4 values, above the alert's 500 ms");
  assert.equal(finding?.where, 'Dashboards → pool wait p95');
  assert.deepEqual(findingsOf(TRACE, waits([0.1, 0.1, 78, 500]), [POOL_WAIT]), [], 'at the threshold is not above it');
  assert.deepEqual(findingsOf(TRACE, waits([]), [POOL_WAIT]), [], 'no values, nothing to judge');
  assert.deepEqual(
    findingsOf(TRACE, { ...emptySignals(), metrics: [metric('event_loop.delay.max', 2000, 1)] }, [POOL_WAIT]),
    [],
    'other metrics are not read by the alert',
  );
});

test('findings: heap growth counts the rises of the floor, not the swings of garbage, and a full collection does not cancel it', () => {
  const heap = (megabytes: number[], service = 'analytics') =>
    megabytes.map((mb, index) => ({ ...metric('process.heap.used', mb * 1_000_000, index, service), type: 'gauge', unit: 'byte' }));
  // Fixed (captured shape): a sawtooth between 81 and 94 MB that never climbs.
  const flat = heap(Array.from({ length: 60 }, (_, i) => [94, 85, 91, 81, 87, 93][i % 6]!));
  assert.deepEqual(findingsOf(TRACE, { ...emptySignals(), metrics: flat }, [HEAP]), []);
  // Slow: half a megabyte a request with the same swings, and a full collection halfway that frees 70 MB.
  const leaking = heap(Array.from({ length: 60 }, (_, i) => 60 + i * 0.5 + (i % 2) * 7 - (i >= 30 ? 70 : 0)));
  const [finding] = findingsOf(TRACE, { ...emptySignals(), metrics: leaking }, [HEAP]);
  assert.equal(finding?.kind, 'metric');
  assert.match(finding?.title ?? '', /^process\.heap\.used growth \d+\.\d MB over 60 values, above the alert's 10\.0 MB$/);
  // Another service's flat heap in the same trace does not hide it.
  assert.equal(
    findingsOf(TRACE, { ...emptySignals(), metrics: [...leaking, ...heap([50, 50, 50, 50, 50, 50], 'gateway')] }, [HEAP]).length,
    1,
  );
  assert.deepEqual(findingsOf(TRACE, { ...emptySignals(), metrics: heap([50, 60, 70, 80, 90]) }, [HEAP]), [], 'fewer than six readings');
});

test('signals: a trace-metric item, error events and transactions are kept per trace', () => {
  const items = [
    JSON.stringify({ event_id: 'e' }),
    JSON.stringify({ type: 'trace_metric', item_count: 2, content_type: 'application/vnd.sentry.items.trace-metric+json' }),
    JSON.stringify({
      version: 2,
      items: [metric('db.pool.wait', 5, 1), { ...metric('db.pool.wait', 9, 2), trace_id: 'other' }, { name: 'broken' }],
    }),
    JSON.stringify({ type: 'event' }),
    JSON.stringify(anrEvent('other')),
  ];
  const signals = signalsFromEnvelope(items.join('\n'));
  assert.equal(signals.metrics.length, 2, 'the malformed metric is skipped');
  const ofTrace = signalsOfTrace(signals, TRACE);
  assert.deepEqual(
    ofTrace.metrics.map((m) => m.value),
    [5],
  );
  assert.deepEqual(ofTrace.errors, []);
  assert.equal(signalsOfTrace(signals, 'other').errors.length, 1);
});

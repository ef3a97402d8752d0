/**
 * The emitters against what the SDK puts on the wire: each declared metric leaves as a
 * `trace_metric` item with its declared name, type, unit and attributes, and the trace id and span
 * id of the span it was emitted in.
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import * as Sentry from '@sentry/node';
import { METRICS, type MetricKey } from '@trace-arcade/scenarios';
import { ANONYMOUS_OPERATION, emitBetPlaced, emitQueryPlanDepth, emitRequestMetrics, emitRoundPlayed, sendMetrics } from './metrics.js';

interface WireMetric {
  trace_id: string;
  span_id?: string;
  name: string;
  type: string;
  unit?: string;
  value: number;
  attributes: Record<string, { value: unknown; type: string }>;
}

const sent: WireMetric[] = [];
// A transport that keeps the metric items of every envelope; nothing leaves the process.
Sentry.init({
  dsn: 'http://public@127.0.0.1:9/1',
  tracesSampleRate: 1,
  defaultIntegrations: false,
  initialScope: { attributes: { service: 'game' } },
  transport: () => ({
    send: async (envelope) => {
      for (const [header, payload] of envelope[1]) {
        if (header.type === 'trace_metric') sent.push(...(payload as { items: WireMetric[] }).items);
      }
      return {};
    },
    flush: async () => true,
  }),
});

beforeEach(() => {
  sent.length = 0;
});

/** Runs `emit` in a span and returns what the SDK sent, and the span's ids. */
async function emittedIn(emit: () => void) {
  const ids = Sentry.startSpan({ name: 'request' }, (span) => {
    emit();
    return span.spanContext();
  });
  await Sentry.flush(2000);
  return { ids, metrics: [...sent] };
}

function assertDeclared(metric: WireMetric, key: MetricKey) {
  const declared = METRICS[key];
  assert.equal(metric.name, declared.name);
  assert.equal(metric.type, declared.type);
  assert.equal(metric.unit, declared.unit);
  for (const [attribute, type] of Object.entries(declared.attributes)) {
    assert.equal(metric.attributes[attribute]?.type, type, `${declared.name}: attribute ${attribute}`);
  }
  assert.equal(metric.attributes['service']?.value, 'game', `${declared.name}: the scope's service attribute`);
}

const byName = (metrics: WireMetric[], key: MetricKey) => metrics.filter((metric) => metric.name === METRICS[key].name);

test('request metrics: heap, event-loop delay and one pool wait per pool, on the trace of the span they were emitted in', async () => {
  const waits = new Map([
    ['bet', 1234.567],
    ['main', 2],
  ]);
  const { ids, metrics } = await emittedIn(() =>
    emitRequestMetrics(
      {
        ms: 1,
        sqlStatements: 0,
        sqlMs: 0,
        mongoCommands: 0,
        mongoMs: 0,
        httpCalls: 0,
        heapUsedBytes: 50_000_000,
        eventLoopDelay: { p99Ms: 3, maxMs: 812.5 },
      },
      waits,
    ),
  );
  assert.equal(metrics.length, 4);
  for (const metric of metrics) {
    assert.equal(metric.trace_id, ids.traceId);
    assert.equal(metric.span_id, ids.spanId);
  }
  const [heap] = byName(metrics, 'heapUsed');
  assertDeclared(heap!, 'heapUsed');
  assert.equal(heap!.value, 50_000_000);
  const [delay] = byName(metrics, 'eventLoopDelayMax');
  assertDeclared(delay!, 'eventLoopDelayMax');
  assert.equal(delay!.value, 812.5);
  const pools = byName(metrics, 'poolWait');
  pools.forEach((metric) => assertDeclared(metric, 'poolWait'));
  assert.deepEqual(
    pools.map((metric) => [metric.attributes['db.pool.name']?.value, metric.value]),
    [
      ['bet', 1234.57],
      ['main', 2],
    ],
  );
});

test('a service that measures neither the event loop nor pools sends the heap alone', async () => {
  const { metrics } = await emittedIn(() =>
    emitRequestMetrics({ ms: 1, sqlStatements: 0, sqlMs: 0, mongoCommands: 0, mongoMs: 0, httpCalls: 0, heapUsedBytes: 1 }, new Map()),
  );
  assert.deepEqual(
    metrics.map((metric) => metric.name),
    ['process.heap.used'],
  );
});

test('query plan depth: a gauge per operation, named by the operation', async () => {
  const { metrics } = await emittedIn(() => {
    emitQueryPlanDepth('GameWithLeaders', 3);
    emitQueryPlanDepth(undefined, 1);
  });
  metrics.forEach((metric) => assertDeclared(metric, 'queryPlanSequentialDepth'));
  assert.deepEqual(
    metrics.map((metric) => [metric.attributes['graphql.operation.name']?.value, metric.value]),
    [
      ['GameWithLeaders', 3],
      [ANONYMOUS_OPERATION, 1],
    ],
  );
});

test('business metrics: a bet placed, and a round with its win, wager and payout by game, without the player', async () => {
  const { metrics } = await emittedIn(() => {
    emitBetPlaced({ gameId: 'dice', gameKind: 'DICE' });
    emitRoundPlayed({ gameId: 'dice', gameKind: 'DICE', won: true, betCents: 100, payoutCents: 196 });
  });
  const [placed] = byName(metrics, 'betsPlaced');
  assertDeclared(placed!, 'betsPlaced');
  assert.equal(placed!.value, 1);
  const [round] = byName(metrics, 'rounds');
  assertDeclared(round!, 'rounds');
  assert.equal(round!.attributes['game.won']?.value, true);
  const [wagered] = byName(metrics, 'wagered');
  assertDeclared(wagered!, 'wagered');
  assert.equal(wagered!.value, 100);
  const [paidOut] = byName(metrics, 'paidOut');
  assertDeclared(paidOut!, 'paidOut');
  assert.equal(paidOut!.value, 196);
  for (const metric of metrics) {
    assert.equal(metric.attributes['game.id']?.value, 'dice');
    assert.equal(metric.attributes['game.kind']?.value, 'DICE');
    assert.ok(
      Object.keys(metric.attributes).every((name) => !/player|user/.test(name)),
      `${metric.name} names no player: ${Object.keys(metric.attributes).join(', ')}`,
    );
  }
});

test('SENTRY_METRICS=false: nothing is built or sent', async () => {
  sendMetrics(false);
  try {
    const { metrics } = await emittedIn(() => emitBetPlaced({ gameId: 'dice-classic', gameKind: 'DICE' }));
    assert.deepEqual(metrics, []);
  } finally {
    sendMetrics(true);
  }
  const { metrics } = await emittedIn(() => emitBetPlaced({ gameId: 'dice-classic', gameKind: 'DICE' }));
  assert.equal(metrics.length, 1, 'on again');
});

/**
 * Trace-connected metrics through the whole stack, read where Sentry would receive them (the
 * envelope sink): each declared metric arrives as a `trace_metric` item on the trace of the request
 * it measures, with the value that request measured (`extensions.perf`), and the values separate
 * a scenario's slow twin from its fixed one where the metric is the scenario's signal.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { isolatedSelection, METRICS, operationFor, SCENARIO_NAMES, SCENARIOS, type MetricKey, type Mode } from '@trace-arcade/scenarios';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import type { SentryTraceMetric } from './sentry-envelope-sink.js';
import { tracedTestStackAroundTests } from './traced-test-stack.js';

/** Long enough that bets queueing for the bet pool's one connection wait far longer than fixed ones, even on a busy machine. */
const PAYMENT_LATENCY_MS = 200;
/** The panel's unit of work for pool-exhaustion: bets at once (the game's default slow-variant limit). */
const CONCURRENT_BETS = 8;

const traced = tracedTestStackAroundTests({ env: { PAYMENT_LATENCY_MS: String(PAYMENT_LATENCY_MS), USERS_TIMEOUT_MS: '60000' } });

const scenario = (name: (typeof SCENARIO_NAMES)[number]) => SCENARIOS.find((candidate) => candidate.name === name)!;

/** Sends a scenario's operation in `mode`, every other scenario fixed, as the panel does. */
async function run<T = Record<string, unknown>>(
  name: (typeof SCENARIO_NAMES)[number],
  mode: Mode,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const { operation, variables: defaults } = operationFor(scenario(name), mode);
  const result = await traced.stack.graphql<T>(operation, variables ?? defaults, {
    ...headers,
    'x-scenarios': isolatedSelection(name, mode, SCENARIO_NAMES),
  });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return { data: result.data!, perf: parsePerfExtension(result.extensions?.['perf']) };
}

/** The values of metric `key` sent on `traceId` (waits for `count` of them), checked against the declaration. */
async function metricsOn(traceId: string, key: MetricKey, service: string, count = 1): Promise<SentryTraceMetric[]> {
  const { name, type, unit } = METRICS[key];
  const found = await traced.sink.waitForMetrics((metric) => metric.trace_id === traceId && metric.name === name, count);
  for (const metric of found) {
    assert.equal(metric.type, type, `${name}: type`);
    assert.equal(metric.unit, unit, `${name}: unit`);
    assert.equal(metric.attributes['service']?.value, service, `${name}: service`);
    assert.match(metric.span_id ?? '', /^[0-9a-f]{16}$/, `${name}: sent inside a span`);
  }
  return found;
}

async function oneMetricOn(traceId: string, key: MetricKey, service: string): Promise<SentryTraceMetric> {
  const found = await metricsOn(traceId, key, service);
  assert.equal(found.length, 1, `one ${METRICS[key].name} on the trace; got ${found.length}`);
  return found[0]!;
}

test('a played round: the business metrics of its game, and the heap and event-loop delay of the request, on its trace', async () => {
  const input = { playerId: '3', gameId: 'dice-classic', betCents: 25, choice: 'over:50' };
  const { data, perf } = await run<{ playRound: { won: boolean; payoutCents: number } }>('payment-latency', 'fixed', { input });
  const game = { 'game.id': 'dice-classic', 'game.kind': 'DICE' };
  const attributesOf = (metric: SentryTraceMetric) =>
    Object.fromEntries(
      Object.entries(metric.attributes)
        .filter(([name]) => name.startsWith('game.'))
        .map(([name, { value }]) => [name, value]),
    );

  const placed = await oneMetricOn(perf.traceId, 'betsPlaced', 'game');
  assert.equal(placed.value, 1);
  assert.deepEqual(attributesOf(placed), game);
  const round = await oneMetricOn(perf.traceId, 'rounds', 'game');
  assert.deepEqual(attributesOf(round), { ...game, 'game.won': data.playRound.won });
  assert.equal((await oneMetricOn(perf.traceId, 'wagered', 'game')).value, 25);
  assert.equal((await oneMetricOn(perf.traceId, 'paidOut', 'game')).value, data.playRound.payoutCents);
  for (const metric of traced.sink.metrics.filter((m) => m.trace_id === perf.traceId)) {
    assert.ok(!JSON.stringify(metric.attributes).includes('player'), `${metric.name} names no player`);
  }

  const gamePerf = perf.subgraphs.game!;
  assert.equal((await oneMetricOn(perf.traceId, 'heapUsed', 'game')).value, gamePerf.heapUsedBytes);
  assert.equal((await oneMetricOn(perf.traceId, 'eventLoopDelayMax', 'game')).value, gamePerf.eventLoopDelay!.maxMs);
});

test('the same bet sent again counts no second bet and no second round', async () => {
  const input = { playerId: '4', gameId: 'dice-classic', betCents: 10, choice: 'over:50', idempotencyKey: 'metrics-replay-0001' };
  const first = await run('payment-latency', 'fixed', { input });
  await oneMetricOn(first.perf.traceId, 'rounds', 'game');
  const again = await run('payment-latency', 'fixed', { input });
  // The replay's request metrics arrive; a business metric on its trace would have been sent with them.
  await oneMetricOn(again.perf.traceId, 'heapUsed', 'game');
  const business = traced.sink.metrics.filter((metric) => metric.trace_id === again.perf.traceId && metric.name.startsWith('game.'));
  assert.deepEqual(
    business.map((metric) => metric.name),
    [],
  );
});

/** The catalog's pool-exhaustion bet, placed by different players. */
const BET = { gameId: 'dice-classic', betCents: 10, choice: 'over:50' };

describe('pool-exhaustion', () => {
  /**
   * `CONCURRENT_BETS` bets at once from different players, under one trace as the panel sends its
   * unit of work (the game admits slow variants one unit at a time); each bet's `db.pool.wait` on
   * that trace, against the `poolWaitMs` each measured.
   */
  async function concurrentBets(mode: Mode, firstPlayer: number) {
    const traceId = randomBytes(16).toString('hex');
    const click = { 'sentry-trace': `${traceId}-${randomBytes(8).toString('hex')}-1` };
    const bets = await Promise.all(
      Array.from({ length: CONCURRENT_BETS }, (_, index) =>
        run('pool-exhaustion', mode, { input: { ...BET, playerId: String(firstPlayer + index) } }, click),
      ),
    );
    const waits = bets.map(({ perf }) => perf.subgraphs.game!.poolWaitMs!).sort((a, b) => a - b);
    const metrics = await metricsOn(traceId, 'poolWait', 'game', CONCURRENT_BETS);
    assert.equal(metrics.length, CONCURRENT_BETS, `one db.pool.wait per bet on the trace; got ${metrics.length}`);
    for (const metric of metrics) assert.equal(metric.attributes['db.pool.name']?.value, 'bet');
    const values = metrics.map((metric) => metric.value).sort((a, b) => a - b);
    assert.deepEqual(values, waits, 'the metrics are the waits the requests measured');
    return values;
  }

  test(`${CONCURRENT_BETS} bets at once: db.pool.wait on each bet's trace; slow bets queue for the connection, fixed ones barely wait`, async (t) => {
    const slow = (await concurrentBets('slow', 11)).sort((a, b) => a - b);
    const fixed = (await concurrentBets('fixed', 11)).sort((a, b) => a - b);
    t.diagnostic(`db.pool.wait slow: ${slow.join(', ')} ms; fixed: ${fixed.join(', ')} ms`);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    // One connection held for each slow bet's charge: the last bet waits for most of the others.
    assert.ok(slow.at(-1)! >= 3 * PAYMENT_LATENCY_MS, `slow waits: ${slow.join(', ')} ms`);
    assert.ok(fixed.at(-1)! < PAYMENT_LATENCY_MS, `fixed waits: ${fixed.join(', ')} ms`);
    assert.ok(sum(slow) >= 5 * sum(fixed), `summed waits: slow ${sum(slow)} ms, fixed ${sum(fixed)} ms`);
  });
});

test('memory-leak: analytics sends the heap it measured, on each request trace', async () => {
  for (const mode of ['slow', 'fixed'] as const) {
    for (let index = 0; index < 3; index++) {
      const { perf } = await run('memory-leak', mode);
      const heap = await oneMetricOn(perf.traceId, 'heapUsed', 'analytics');
      assert.equal(heap.value, perf.subgraphs.analytics!.heapUsedBytes);
      assert.ok(heap.value > 1024 * 1024, `${heap.value} bytes`);
    }
  }
});

test('federation-waterfall: the gateway sends the plan depth per operation, 3 on slow and 2 on fixed', async () => {
  const depthOf = async (mode: Mode) => {
    const { perf } = await run('federation-waterfall', mode);
    const metric = await oneMetricOn(perf.traceId, 'queryPlanSequentialDepth', 'gateway');
    return { depth: metric.value, operation: metric.attributes['graphql.operation.name']?.value };
  };
  assert.deepEqual(await depthOf('slow'), { depth: 3, operation: 'FederationWaterfallSlow' });
  assert.deepEqual(await depthOf('fixed'), { depth: 2, operation: 'FederationWaterfallFixed' });
});

test('regex-backtracking: users sends the event-loop delay of the request, hundreds of milliseconds on slow only', async (t) => {
  const delayOf = async (mode: Mode) => {
    const { perf } = await run('regex-backtracking', mode);
    const metric = await oneMetricOn(perf.traceId, 'eventLoopDelayMax', 'users');
    assert.equal(metric.value, perf.subgraphs.users!.eventLoopDelay!.maxMs);
    return metric.value;
  };
  const slow = await delayOf('slow');
  const fixed = await delayOf('fixed');
  t.diagnostic(`event_loop.delay.max in users: slow ${slow} ms, fixed ${fixed} ms`);
  assert.ok(slow >= 400, `slow: ${slow} ms`);
  assert.ok(fixed < slow / 4, `fixed: ${fixed} ms, slow ${slow} ms`);
});

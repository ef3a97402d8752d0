/**
 * federation-waterfall through the whole stack with tracing on: the slow operation's plan is three
 * fetches one after another (game → analytics → users), which the gateway's trace shows as
 * `http.client` spans that never overlap; the fixed operation answers the same data in two steps.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isolatedSelection, operationFor, SCENARIO_NAMES, SCENARIOS, type Mode } from '@trace-arcade/scenarios';
import type { SentrySpan, SentryTransaction } from '@trace-arcade/trace-detectors';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import { tracedTestStackAroundTests } from './traced-test-stack.js';

interface Leader {
  roundsPlayed: number;
  netCents: number;
  player: { id: string; displayName: string; country: string };
}
interface GameFields {
  id: string;
  name: string;
  kind: string;
}
const traced = tracedTestStackAroundTests();

const waterfall = SCENARIOS.find((scenario) => scenario.name === 'federation-waterfall')!;
/** This scenario in `mode`, every other one fixed, as the panel sends it: the trace shows this problem alone. */
const header = (mode: Mode) => ({ 'x-scenarios': isolatedSelection('federation-waterfall', mode, SCENARIO_NAMES) });

async function run<T>(mode: Mode) {
  const { operation, variables } = operationFor(waterfall, mode);
  const result = await traced.stack.graphql<T>(operation, variables, header(mode));
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return { data: result.data!, perf: parsePerfExtension(result.extensions?.['perf']) };
}

/** The gateway's transaction of a trace, once the subgraphs' have arrived too. */
async function gatewayTransaction(traceId: string): Promise<{ gateway: SentryTransaction; analytics: SentryTransaction }> {
  const find = (transactions: SentryTransaction[], service: string) =>
    transactions.find((t) => t.contexts.trace.trace_id === traceId && t.server_name === service && t.transaction.includes('/graphql'));
  await traced.sink.waitFor((transactions) => Boolean(find(transactions, 'gateway') && find(transactions, 'analytics')));
  return { gateway: find(traced.sink.transactions, 'gateway')!, analytics: find(traced.sink.transactions, 'analytics')! };
}

const httpClientSpans = (transaction: SentryTransaction): SentrySpan[] =>
  transaction.spans.filter((span) => span.op === 'http.client').sort((a, b) => a.start_timestamp - b.start_timestamp);

const overlaps = (spans: SentrySpan[]) => spans.some((span, i) => i > 0 && span.start_timestamp < spans[i - 1]!.timestamp);

test('both operations return the same game and the same leaders', async () => {
  const slow = await run<{ game: GameFields & { topPlayers: Leader[] } }>('slow');
  const fixed = await run<{ game: GameFields; gameLeaderboard: Leader[] }>('fixed');
  const { topPlayers, ...game } = slow.data.game;
  assert.deepEqual(fixed.data.game, game);
  assert.deepEqual(fixed.data.gameLeaderboard, topPlayers);
  assert.equal(topPlayers.length, 5);
  assert.ok(topPlayers.every((leader) => leader.player.displayName.length > 0 && leader.roundsPlayed > 0));
  const nets = topPlayers.map((leader) => leader.netCents);
  assert.deepEqual(
    nets,
    [...nets].sort((a, b) => b - a),
    'best first',
  );
});

test('slow: three sequential fetches in the plan, and three http.client spans at the gateway, each after the previous', async () => {
  const { perf } = await run('slow');
  assert.deepEqual(perf.plan, { fetches: 3, sequentialDepth: 3 });
  assert.deepEqual(Object.fromEntries(Object.entries(perf.subgraphs).map(([name, cost]) => [name, cost.fetches])), {
    game: 1,
    analytics: 1,
    users: 1,
  });

  const { gateway, analytics } = await gatewayTransaction(perf.traceId);
  const spans = httpClientSpans(gateway);
  assert.ok(spans.length >= 3, `expected at least 3 http.client spans; got ${spans.length}`);
  for (let i = 1; i < spans.length; i++) {
    assert.ok(
      spans[i]!.start_timestamp >= spans[i - 1]!.timestamp,
      `expected ${spans[i]!.description} to start after ${spans[i - 1]!.description} ended; got ${spans[i]!.start_timestamp} < ${spans[i - 1]!.timestamp}`,
    );
  }
  // The trace says which variant it is and what the plan was.
  assert.equal(gateway.contexts.trace.data?.['scenario.federation-waterfall'], 'slow');
  assert.equal(gateway.contexts.trace.data?.['gateway.plan.sequential_depth'], 3);
  assert.ok(
    analytics.spans.some((span) => span.op === 'scenario' && span.description === 'federation-waterfall (slow)'),
    'analytics ran the leaders in the scenario span',
  );
});

test('fixed: fewer sequential steps; game and analytics are fetched side by side', async () => {
  const { perf } = await run('fixed');
  assert.deepEqual(perf.plan, { fetches: 3, sequentialDepth: 2 });
  const { gateway } = await gatewayTransaction(perf.traceId);
  const spans = httpClientSpans(gateway);
  assert.equal(spans.length, 3);
  assert.ok(
    overlaps(spans),
    `expected two fetches to overlap; got ${JSON.stringify(spans.map((s) => [s.description, s.start_timestamp, s.timestamp]))}`,
  );
  assert.equal(gateway.contexts.trace.data?.['scenario.federation-waterfall'], 'fixed');
});

test('the limit is checked where it is read: 0 and 101 are BAD_USER_INPUT on both fields', async () => {
  for (const mode of ['slow', 'fixed'] as const) {
    const { operation, variables } = operationFor(waterfall, mode);
    for (const limit of [0, 101]) {
      const result = await traced.stack.graphql(operation, { ...variables, limit }, header(mode));
      assert.equal(result.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', `${mode} limit ${limit}: ${JSON.stringify(result.errors)}`);
    }
  }
});

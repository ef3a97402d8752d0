/**
 * The spans of real requests against what Sentry's Insights pages read (INSIGHTS_SPAN_DATA, from
 * the SDK developer docs' module specs): every database, outbound HTTP and cache span of the traces
 * captured by the envelope sink has its module's data, and each module is represented, so the test
 * fails when an attribute goes missing or a kind of span stops being sent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isolatedSelection, operationFor, SCENARIO_NAMES, SCENARIOS, type Mode } from '@trace-arcade/scenarios';
import { insightsModuleOf, missingInsightsData, type InsightsModule } from '@trace-arcade/service-runtime';
import type { SentrySpan, SentryTransaction } from '@trace-arcade/trace-detectors';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import { tracedTestStackAroundTests } from './traced-test-stack.js';

const traced = tracedTestStackAroundTests();

async function run(name: (typeof SCENARIO_NAMES)[number], mode: Mode, variables?: Record<string, unknown>): Promise<string> {
  const { operation, variables: defaults } = operationFor(
    SCENARIOS.find((scenario) => scenario.name === name)!,
    mode,
  );
  const result = await traced.stack.graphql(operation, variables ?? defaults, {
    'x-scenarios': isolatedSelection(name, mode, SCENARIO_NAMES),
  });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return parsePerfExtension(result.extensions?.['perf']).traceId;
}

/** The transactions of `traceId` once those of `services` have arrived. */
async function transactionsOf(traceId: string, services: string[]): Promise<SentryTransaction[]> {
  const mine = (transactions: SentryTransaction[]) => transactions.filter((t) => t.contexts.trace.trace_id === traceId);
  await traced.sink.waitFor((transactions) => services.every((service) => mine(transactions).some((t) => t.server_name === service)));
  return mine(traced.sink.transactions);
}

const spansOf = (transactions: SentryTransaction[]): (SentrySpan & { server: string })[] =>
  transactions.flatMap((t) => t.spans.map((span) => ({ ...span, server: t.server_name ?? '?' })));

test('every database, outbound HTTP and cache span of a round, an aggregation, a waterfall and the activity feed has what Insights reads', async () => {
  const traces = [
    // SQL in game and users, the game's calls to the payment provider, the gateway's to game, a Mongo insert in analytics.
    { traceId: await run('payment-latency', 'fixed'), services: ['gateway', 'game', 'users', 'analytics'] },
    { traceId: await run('slow-aggregation', 'slow'), services: ['gateway', 'analytics'] },
    { traceId: await run('federation-waterfall', 'fixed'), services: ['gateway', 'game', 'analytics', 'users'] },
    { traceId: await run('memory-leak', 'slow'), services: ['analytics'] },
    { traceId: await run('memory-leak', 'fixed'), services: ['analytics'] },
    { traceId: await run('memory-leak', 'fixed'), services: ['analytics'] },
  ];
  const spans = [];
  for (const { traceId, services } of traces) spans.push(...spansOf(await transactionsOf(traceId, services)));

  const seen = new Set<InsightsModule>();
  const problems: string[] = [];
  for (const span of spans) {
    const module = insightsModuleOf(span);
    if (!module) continue;
    seen.add(module);
    const missing = missingInsightsData(span);
    if (missing.length > 0) problems.push(`${span.server} ${span.op} ${span.description?.slice(0, 80)}: ${missing.join(', ')}`);
  }
  assert.deepEqual(problems, [], 'spans without what their Insights module reads');
  assert.deepEqual([...seen].sort(), ['cacheGet', 'cachePut', 'mongoQueries', 'queries', 'requests']);

  const mongo = spans.find((span) => insightsModuleOf(span) === 'mongoQueries')!;
  assert.equal(mongo.data?.['db.system'], 'mongodb');
  const sql = spans.filter((span) => insightsModuleOf(span) === 'queries');
  assert.ok(
    sql.every((span) => span.data?.['db.system'] === 'postgresql' && !/'[^']*'/.test(span.description ?? '')),
    'SQL spans say postgresql and carry no literal values (Kysely binds them as $n)',
  );
  assert.ok(sql.some((span) => /\$1\b/.test(span.description ?? '')));
  const gatewayCalls = spans.filter((span) => span.server === 'gateway' && span.op === 'http.client');
  assert.ok(gatewayCalls.length > 0 && gatewayCalls.every((span) => typeof span.data?.['server.port'] === 'number'));
});

test('memory-leak: one cache.get per request, never a hit on slow, a hit on fixed once the page is cached; keys name no player', async () => {
  const cacheSpans = async (mode: Mode) => {
    const traceId = await run('memory-leak', mode, { playerId: '7', last: 20 });
    return spansOf(await transactionsOf(traceId, ['analytics'])).filter((span) => span.op?.startsWith('cache.'));
  };
  const slow = [await cacheSpans('slow'), await cacheSpans('slow')];
  for (const spans of slow) {
    assert.deepEqual(
      spans.map((span) => [span.op, span.data?.['cache.hit']]),
      [
        ['cache.get', false],
        ['cache.put', undefined],
      ],
    );
  }
  const [miss, hit] = [await cacheSpans('fixed'), await cacheSpans('fixed')];
  assert.equal(miss.find((span) => span.op === 'cache.get')?.data?.['cache.hit'], false);
  assert.deepEqual(
    hit.map((span) => [span.op, span.data?.['cache.hit'], span.data?.['cache.key']]),
    [['cache.get', true, ['activity:?:20']]],
  );
  assert.ok(Number(hit[0]!.data?.['cache.item_size']) > 0);
  for (const span of [...slow.flat(), ...miss, ...hit]) {
    assert.ok(
      !JSON.stringify(span.data?.['cache.key']).includes(':7:'),
      `the key names no player: ${JSON.stringify(span.data?.['cache.key'])}`,
    );
  }
});

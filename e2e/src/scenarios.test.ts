/**
 * Every scenario, slow and fixed, through the gateway with tracing on: the counts in
 * `extensions.perf`, and the trace's shape checked against Sentry's detectors (@trace-arcade/trace-detectors).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { SCENARIOS, type Mode, type ScenarioName } from '@trace-arcade/scenarios';
import { REPO_ROOT } from '@trace-arcade/stack';
import { detectConsecutiveHttp, detectNPlusOneDb, type SentryTransaction } from '@trace-arcade/trace-detectors';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

interface SubgraphCost {
  ms: number;
  sqlStatements: number;
  mongoCommands: number;
  httpCalls: number;
  eventLoopDelay?: { p99Ms: number; maxMs: number };
}
interface Perf {
  traceId: string;
  totalMs: number;
  subgraphs: Partial<Record<'users' | 'game' | 'analytics', SubgraphCost>>;
}

let sink: SentryEnvelopeSink;
let stack: TestStack;

before(async () => {
  sink = new SentryEnvelopeSink();
  await sink.start();
  // The payment provider's default latency: the consecutive-HTTP thresholds are about real durations.
  // Enough rounds that each slow Mongo scan takes real time, as it would on a production-sized collection.
  stack = await startTestStack({ env: { SENTRY_DSN: sink.dsn, PAYMENT_LATENCY_MS: '600' }, rounds: 20_000 });
});
after(async () => {
  await stack?.stop();
  await sink?.stop();
});

async function run(name: ScenarioName, mode: Mode) {
  const scenario = SCENARIOS.find((candidate) => candidate.name === name)!;
  const result = await stack.graphql(scenario.operation, scenario.variables, { 'x-scenarios': `${name}=${mode}` });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  const perf = result.extensions?.['perf'] as Perf;
  return { data: result.data, perf };
}

/** The transactions of one trace from one service, once the SDK has sent them. */
async function transactionsOf(traceId: string, service: string): Promise<SentryTransaction[]> {
  const mine = (transactions: SentryTransaction[]) =>
    transactions.filter((t) => t.contexts.trace.trace_id === traceId && t.server_name === service && t.transaction.includes('/graphql'));
  await sink.waitFor((transactions) => mine(transactions).length > 0);
  return mine(sink.transactions);
}

const sqlOf = (perf: Perf) => (perf.subgraphs.users?.sqlStatements ?? 0) + (perf.subgraphs.game?.sqlStatements ?? 0);

test('GET /scenarios serves the catalog', async () => {
  const response = await fetch(`${stack.gatewayUrl}/scenarios`);
  const body = (await response.json()) as { scenarios: { name: string; defaultMode: string; modes: string[]; operation: string }[] };
  assert.deepEqual(
    body.scenarios.map((scenario) => scenario.name),
    ['n-plus-one', 'cpu-rng', 'slow-aggregation', 'payment-latency', 'memory-leak'],
  );
  assert.ok(body.scenarios.every((scenario) => scenario.defaultMode === 'slow' && scenario.operation.length > 0));
  assert.ok(body.scenarios.every((scenario) => scenario.modes.join() === 'slow,fixed'));
});

test('the load generator drives the catalog against the real gateway and stops by itself', () => {
  const result = spawnSync(process.execPath, ['loadgen/dist/main.js'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      GATEWAY_URL: stack.gatewayUrl,
      LOAD_SCENARIOS: 'n-plus-one,cpu-rng',
      LOAD_RATE: '8',
      LOAD_DURATION_S: '3',
      LOAD_MAX_REQUESTS: '16',
      LOAD_SLOW_SHARE: '0.5',
      LOG_LEVEL: 'warn',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 0, result.stderr + result.stdout);
  for (const row of ['n-plus-one', 'cpu-rng']) assert.match(result.stdout, new RegExp(row));
  assert.match(result.stdout, /slow/);
  assert.match(result.stdout, /fixed/);
});

test('an unknown scenario or mode is a coded error before any subgraph runs', async () => {
  for (const header of ['n-plus-two=slow', 'cpu-rng=fast']) {
    const result = await stack.graphql('{ games { id } }', undefined, { 'x-scenarios': header });
    assert.equal(result.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    assert.match(result.errors![0]!.message, new RegExp(`expected .*; got "${header}"`));
  }
});

describe('n-plus-one', () => {
  test('slow runs one statement per parent and trips the N+1 detector; fixed runs at most 3 and does not', async () => {
    const slow = await run('n-plus-one', 'slow');
    const fixed = await run('n-plus-one', 'fixed');
    assert.deepEqual(fixed.data, slow.data, 'both variants return the same data');
    assert.ok(slow.perf.subgraphs.users!.sqlStatements >= 1 + 20, `slow users ran ${slow.perf.subgraphs.users!.sqlStatements} statements`);
    assert.ok(sqlOf(fixed.perf) <= 3, `fixed ran ${sqlOf(fixed.perf)} statements`);

    const slowProblems = (await transactionsOf(slow.perf.traceId, 'users')).flatMap(detectNPlusOneDb);
    assert.ok(slowProblems.length > 0, 'the slow trace crosses the N+1 DB thresholds');
    assert.match(slowProblems[0]!.description, /from "rounds"/);
    for (const service of ['users', 'game']) {
      const fixedProblems = (await transactionsOf(fixed.perf.traceId, service)).flatMap(detectNPlusOneDb);
      assert.deepEqual(fixedProblems, [], `no N+1 in the fixed ${service} trace`);
    }
  });
});

describe('cpu-rng', () => {
  test('slow blocks the event loop for a long span; fixed barely registers', async () => {
    const slow = await run('cpu-rng', 'slow');
    const fixed = await run('cpu-rng', 'fixed');
    const slowDelay = slow.perf.subgraphs.game!.eventLoopDelay!.maxMs;
    const fixedDelay = fixed.perf.subgraphs.game!.eventLoopDelay!.maxMs;
    assert.ok(slowDelay >= 100, `slow event-loop delay ${slowDelay} ms`);
    assert.ok(fixedDelay < 50, `fixed event-loop delay ${fixedDelay} ms`);

    const rngSpan = (transactions: SentryTransaction[]) => transactions.flatMap((t) => t.spans).find((span) => span.op === 'scenario');
    const slowSpan = rngSpan(await transactionsOf(slow.perf.traceId, 'game'))!;
    const fixedSpan = rngSpan(await transactionsOf(fixed.perf.traceId, 'game'))!;
    assert.equal(slowSpan.data?.['scenario.cpu-rng'], 'slow');
    assert.equal(fixedSpan.data?.['scenario.cpu-rng'], 'fixed');
    assert.ok((slowSpan.timestamp - slowSpan.start_timestamp) * 1000 >= 100, 'the slow RNG span is long');
    assert.ok((fixedSpan.timestamp - fixedSpan.start_timestamp) * 1000 < 20, 'the fixed RNG span is short');
  });
});

describe('slow-aggregation', () => {
  test('both variants return the same rows; slow makes repeated round trips the N+1 detector flags', async () => {
    const slow = await run('slow-aggregation', 'slow');
    const fixed = await run('slow-aggregation', 'fixed');
    assert.deepEqual(fixed.data, slow.data, 'identical leaderboard and daily statistics');
    assert.ok((slow.data as { dailyStats: unknown[] }).dailyStats.length > 0, 'the demo returns rows');
    const slowCommands = slow.perf.subgraphs.analytics!.mongoCommands;
    const fixedCommands = fixed.perf.subgraphs.analytics!.mongoCommands;
    assert.ok(slowCommands >= 12 && fixedCommands <= 4, `slow ran ${slowCommands} commands, fixed ${fixedCommands}`);

    const slowProblems = (await transactionsOf(slow.perf.traceId, 'analytics')).flatMap(detectNPlusOneDb);
    assert.ok(slowProblems.length > 0, 'the slow trace crosses the N+1 DB thresholds');
    assert.deepEqual((await transactionsOf(fixed.perf.traceId, 'analytics')).flatMap(detectNPlusOneDb), []);
  });
});

describe('payment-latency', () => {
  test('slow makes the calls one after another and trips the consecutive-HTTP detector; fixed costs about one call', async () => {
    const slow = await run('payment-latency', 'slow');
    const fixed = await run('payment-latency', 'fixed');
    assert.equal(slow.perf.subgraphs.game!.httpCalls, fixed.perf.subgraphs.game!.httpCalls, 'the same calls are made');
    assert.ok(slow.perf.subgraphs.game!.ms >= 5 * 600, `slow took ${slow.perf.subgraphs.game!.ms} ms`);
    assert.ok(fixed.perf.subgraphs.game!.ms < 2 * 600, `fixed took ${fixed.perf.subgraphs.game!.ms} ms`);

    const slowProblems = (await transactionsOf(slow.perf.traceId, 'game')).flatMap(detectConsecutiveHttp);
    assert.equal(slowProblems.length, 1, 'the slow trace crosses the consecutive-HTTP thresholds');
    assert.ok(slowProblems[0]!.offenders >= 4);
    assert.deepEqual((await transactionsOf(fixed.perf.traceId, 'game')).flatMap(detectConsecutiveHttp), []);
  });
});

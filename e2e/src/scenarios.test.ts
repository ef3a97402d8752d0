/**
 * Every scenario, slow and fixed, through the gateway with tracing on: the counts in
 * `extensions.perf`, and the trace's shape checked against Sentry's detectors (@trace-arcade/trace-detectors).
 */
import assert from 'node:assert/strict';
import { execFile, type ExecFileOptions } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import {
  MODES,
  operationFor,
  SCENARIO_NAMES,
  SCENARIOS,
  type Mode,
  type ScenarioName,
  type ScenarioOperation,
} from '@trace-arcade/scenarios';
import { REPO_ROOT, waitForHttpOk } from '@trace-arcade/stack';
import { detectConsecutiveHttp, detectNPlusOneDb, type SentryTransaction } from '@trace-arcade/trace-detectors';
import { parsePerfExtension, type PerfExtension } from '@trace-arcade/service-runtime';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

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

/** `variables` override the catalog's (a bigger page, say). */
async function run(name: ScenarioName, mode: Mode, variables: Record<string, unknown> = {}) {
  const scenario = SCENARIOS.find((candidate) => candidate.name === name)!;
  const demo = operationFor(scenario, mode);
  const result = await stack.graphql(demo.operation, { ...demo.variables, ...variables }, { 'x-scenarios': `${name}=${mode}` });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  const perf = parsePerfExtension(result.extensions?.['perf']);
  return { data: result.data, perf };
}

/** Runs a child process to its end without blocking this one's event loop. */
function runChild(file: string, args: string[], options: ExecFileOptions): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ status, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The transactions of one trace from one service, once the SDK has sent them. */
async function transactionsOf(traceId: string, service: string): Promise<SentryTransaction[]> {
  const mine = (transactions: SentryTransaction[]) =>
    transactions.filter((t) => t.contexts.trace.trace_id === traceId && t.server_name === service && t.transaction.includes('/graphql'));
  await sink.waitFor((transactions) => mine(transactions).length > 0);
  return mine(sink.transactions);
}

const sqlOf = (perf: PerfExtension) => (perf.subgraphs.users?.sqlStatements ?? 0) + (perf.subgraphs.game?.sqlStatements ?? 0);

test('GET /scenarios serves the catalog', async () => {
  const response = await fetch(`${stack.gatewayUrl}/scenarios`);
  const body = (await response.json()) as {
    scenarios: { name: string; defaultMode: string; modes: string[]; operation: string; operations: Record<string, ScenarioOperation> }[];
  };
  assert.deepEqual(
    body.scenarios.map((scenario) => scenario.name),
    SCENARIO_NAMES,
  );
  assert.ok(body.scenarios.every((scenario) => scenario.defaultMode === 'slow' && scenario.operation.length > 0));
  assert.ok(body.scenarios.every((scenario) => scenario.modes.join() === 'slow,fixed'));
  // Every mode's operation, as `operationFor` gives it: a scenario's twins may be two operations.
  for (const scenario of SCENARIOS) {
    const served = body.scenarios.find((entry) => entry.name === scenario.name)!;
    for (const mode of MODES) assert.deepEqual(served.operations[mode], operationFor(scenario, mode), `${scenario.name}=${mode}`);
  }
  const waterfall = body.scenarios.find((entry) => entry.name === 'federation-waterfall')!;
  assert.notEqual(waterfall.operations['slow']!.operation, waterfall.operations['fixed']!.operation);
});

test('the load generator drives the catalog against the real gateway and stops by itself', async () => {
  // Run asynchronously: a blocked event loop would reuse a keep-alive socket the gateway closed meanwhile.
  const result = await runChild(process.execPath, ['loadgen/dist/main.js'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      GATEWAY_URL: stack.gatewayUrl,
      LOAD_SCENARIOS: 'n-plus-one,cpu-rng,federation-waterfall',
      LOAD_RATE: '8',
      LOAD_DURATION_S: '3',
      LOAD_MAX_REQUESTS: '16',
      LOAD_SLOW_SHARE: '0.5',
      LOG_LEVEL: 'warn',
    },
    timeout: 60_000,
  });
  assert.equal(result.status, 0, result.stderr + result.stdout);
  for (const row of ['n-plus-one', 'cpu-rng', 'federation-waterfall']) assert.match(result.stdout, new RegExp(row));
  assert.doesNotMatch(result.stdout, /federation-waterfall=(slow|fixed): first error/);
  assert.match(result.stdout, /slow/);
  assert.match(result.stdout, /fixed/);
});

test('an unknown scenario or mode is a coded error before any subgraph runs', async () => {
  for (const header of ['n-plus-two=slow', 'cpu-rng=fast']) {
    const result = await stack.graphql('{ games { id } }', undefined, { 'x-scenarios': header });
    assert.equal(result.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    assert.match(result.errors[0].message, new RegExp(`expected .*; got "${header}"`));
  }
});

describe('n-plus-one', () => {
  test('slow runs one statement per parent and trips the N+1 detector; fixed runs at most 3 and does not', async () => {
    // A page of 40 players x 15 rounds (641 statements when slow): Sentry's N+1 detector also wants the
    // repeated statements to take 50 ms together, which the catalog's 200 row loads may not reach on
    // a fast, idle machine (about 0.25 ms each on loopback).
    const page = { players: 40, rounds: 15 };
    const slow = await run('n-plus-one', 'slow', page);
    const fixed = await run('n-plus-one', 'fixed', page);
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

describe('federation-waterfall', () => {
  test("each mode sends its own operation: slow's plan is three sequential fetches, fixed's two, the leaders the same", async () => {
    const slow = await run('federation-waterfall', 'slow');
    const fixed = await run('federation-waterfall', 'fixed');
    assert.deepEqual(slow.perf.plan, { fetches: 3, sequentialDepth: 3 });
    assert.deepEqual(fixed.perf.plan, { fetches: 3, sequentialDepth: 2 });
    const slowData = slow.data as { game: { topPlayers: unknown[] } };
    const fixedData = fixed.data as { gameLeaderboard: unknown[] };
    assert.deepEqual(fixedData.gameLeaderboard, slowData.game.topPlayers);
    // A Sentry-style consecutive-HTTP detector wants 500 ms spans: a fast waterfall goes unflagged, hence `perf.plan`.
    assert.deepEqual((await transactionsOf(slow.perf.traceId, 'gateway')).flatMap(detectConsecutiveHttp), []);
  });
});

describe("the gateway's SCENARIO_DEFAULTS", () => {
  test('a gateway started with n-plus-one=fixed runs fixed in every subgraph when the request names no scenario', async () => {
    // The subgraphs keep their own defaults (every scenario slow): only the gateway's say fixed.
    const stopped = await stack.processes.stop('gateway');
    stack.processes.start({ ...stopped.spec, env: { ...stopped.spec.env, SCENARIO_DEFAULTS: 'n-plus-one=fixed' } });
    await waitForHttpOk(`${stack.gatewayUrl}/health/ready`, 30_000);
    const scenario = SCENARIOS.find((candidate) => candidate.name === 'n-plus-one')!;
    const result = await stack.graphql(scenario.operation, scenario.variables);
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const perf = parsePerfExtension(result.extensions?.['perf']);
    assert.ok(sqlOf(perf) <= 3, `the subgraphs ran the fixed variant: ${sqlOf(perf)} statements`);
  });
});

/**
 * regex-backtracking through the whole stack: the slow twin's scenario span holds
 * the users event loop for about a second (a fixed request sent meanwhile is not even received
 * until it ends); under concurrent load the event-loop delay users reports in extensions.perf
 * is at least 500 ms at p99 with the slow twin and under a tenth of that with the fixed one (see
 * FIXED_SHARE_OF_SLOW; the benchmark holds it to 10 ms).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { percentileOfSamples, SCENARIOS, type Mode } from '@trace-arcade/scenarios';
import type { SentrySpan, SentryTransaction } from '@trace-arcade/trace-detectors';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

const scenario = SCENARIOS.find((candidate) => candidate.name === 'regex-backtracking')!;

let sink: SentryEnvelopeSink;
let stack: TestStack;

before(async () => {
  sink = new SentryEnvelopeSink();
  await sink.start();
  // Four slow requests at once queue about 4 s of blocking in users on a quiet 2-core machine, and
  // several times that on a busy one: the gateway's default 10 s for users would cut the queue short.
  stack = await startTestStack({ env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '0', USERS_TIMEOUT_MS: '60000' } });
});
after(async () => {
  await stack?.stop();
  await sink?.stop();
});

/** The headers the debug panel's browser SDK sends with a click: a sampled parent, so the request is traced end to end. */
function tracedHeaders(): Record<string, string> {
  const traceId = randomBytes(16).toString('hex');
  return {
    'sentry-trace': `${traceId}-${randomBytes(8).toString('hex')}-1`,
    baggage: `sentry-trace_id=${traceId},sentry-sampled=true,sentry-sample_rate=1,sentry-environment=local,sentry-public_key=publickey`,
  };
}

async function check(mode: Mode, name: string = scenario.variables.name, options: { traced?: boolean } = {}) {
  const started = performance.now();
  const headers = { 'x-scenarios': `regex-backtracking=${mode}`, ...(options.traced ? tracedHeaders() : {}) };
  const result = await stack.graphql(scenario.operation, { name }, headers);
  const ms = performance.now() - started;
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return { data: result.data, perf: parsePerfExtension(result.extensions?.['perf']), ms };
}

/** The users transaction of one trace, once the SDK has sent it. */
async function usersTransaction(traceId: string): Promise<SentryTransaction> {
  const find = (transactions: SentryTransaction[]) =>
    transactions.find((t) => t.contexts.trace.trace_id === traceId && t.server_name === 'users' && t.transaction.includes('/graphql'));
  await sink.waitFor((transactions) => find(transactions) !== undefined);
  return find(sink.transactions)!;
}

function scenarioSpan(transaction: SentryTransaction): SentrySpan {
  const span = transaction.spans.find((candidate) => candidate.op === 'scenario');
  assert.ok(span, `expected a scenario span in the users transaction; got ops ${transaction.spans.map((s) => s.op).join(', ')}`);
  return span;
}

const durationMs = (span: { start_timestamp: number; timestamp: number }) => (span.timestamp - span.start_timestamp) * 1000;

/** The 99th percentile of per-request figures (nearest rank): here each request's largest event-loop delay, as the benchmark counts it. */
const p99 = (values: readonly number[]) => percentileOfSamples(values, 99);

test('both twins give the same answer to the crafted name and to a valid one', async () => {
  for (const name of [scenario.variables.name, 'Ada Lovelace']) {
    const fixed = await check('fixed', name);
    const slow = await check('slow', name);
    assert.deepEqual(slow.data, fixed.data);
  }
  assert.deepEqual((await check('fixed')).data, {
    checkDisplayName: { valid: false, reason: 'expected letters and digits in words separated by single spaces' },
  });
});

test('a name above the length limit is refused with BAD_USER_INPUT, even on the slow twin', async () => {
  const started = performance.now();
  const result = await stack.graphql(scenario.operation, { name: `${'a'.repeat(40)}!` }, { 'x-scenarios': 'regex-backtracking=slow' });
  assert.equal(result.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
  assert.match(result.errors[0].message, /expected a display name of at most 29 characters; got 41/);
  assert.ok(performance.now() - started < 500, 'refused without running the pattern');
});

test('slow: a long scenario span that blocks users (a fixed request sent meanwhile waits for it); fixed: a short one', async () => {
  const slowRequest = check('slow', scenario.variables.name, { traced: true });
  // Let the slow request reach users, then send a cheap fixed one to the same process.
  await sleep(200);
  const bystanderSentAt = Date.now() / 1000;
  const bystander = await check('fixed', 'Ada', { traced: true });
  const slow = await slowRequest;

  const slowSpan = scenarioSpan(await usersTransaction(slow.perf.traceId));
  assert.equal(slowSpan.description, 'regex-backtracking (slow)');
  assert.equal(slowSpan.data?.['scenario.regex-backtracking'], 'slow');
  assert.ok(durationMs(slowSpan) >= 500, `the slow span lasted ${durationMs(slowSpan).toFixed(0)} ms`);
  assert.ok(slow.perf.subgraphs.users!.eventLoopDelay!.maxMs >= 500, JSON.stringify(slow.perf.subgraphs.users));

  // The bystander was sent while the pattern ran, yet users only began to serve it afterwards.
  assert.ok(bystanderSentAt < slowSpan.timestamp, 'the fixed request was sent before the slow span ended');
  const bystanderTransaction = await usersTransaction(bystander.perf.traceId);
  assert.ok(
    bystanderTransaction.start_timestamp >= slowSpan.timestamp - 0.005,
    `users began the fixed request ${((slowSpan.timestamp - bystanderTransaction.start_timestamp) * 1000).toFixed(0)} ms before the slow span ended`,
  );
  assert.ok(bystander.ms >= 200, `the fixed request took ${bystander.ms.toFixed(0)} ms`);

  const fixed = await check('fixed', scenario.variables.name, { traced: true });
  const fixedSpan = scenarioSpan(await usersTransaction(fixed.perf.traceId));
  assert.equal(fixedSpan.description, 'regex-backtracking (fixed)');
  // Relative, so that it holds on a loaded machine: the linear pattern is orders of magnitude faster.
  assert.ok(
    durationMs(fixedSpan) * 20 < durationMs(slowSpan),
    `the fixed span lasted ${durationMs(fixedSpan).toFixed(2)} ms, the slow one ${durationMs(slowSpan).toFixed(0)} ms`,
  );
});

/**
 * The criterion, fixed < 10 ms, is measured by the benchmark on a quiet machine
 * (`npm run bench`, BENCHMARKS.md). Here, in the middle of the test suite, a 5 ms timer's lateness
 * is also the machine's scheduling delay (31 to 74 ms at p99 was seen with nothing blocking in
 * users on a busy 2-core machine), and a loaded machine makes both twins later: the test holds fixed
 * to a tenth of what slow reached in the same run, and slow to 500 ms, which load only lengthens.
 */
const FIXED_SHARE_OF_SLOW = 0.1;

test('under concurrent load, users reports an event-loop delay p99 of 500 ms or more with slow, under a tenth of that with fixed', async () => {
  const load = async (mode: Mode, clients: number, requestsPerClient: number) => {
    const delays: number[] = [];
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = 0; i < requestsPerClient; i++) delays.push((await check(mode)).perf.subgraphs.users!.eventLoopDelay!.maxMs);
      }),
    );
    return { p99: p99(delays), delays };
  };
  const slow = await load('slow', 4, 1);
  const fixed = await load('fixed', 4, 25);
  console.log(`regex-backtracking event-loop delay p99 over requests: slow ${slow.p99} ms, fixed ${fixed.p99} ms`);
  assert.ok(slow.p99 >= 500, `slow: ${JSON.stringify(slow.delays)}`);
  assert.ok(
    fixed.p99 < FIXED_SHARE_OF_SLOW * slow.p99,
    `fixed p99 ${fixed.p99} ms, slow p99 ${slow.p99} ms: ${JSON.stringify(fixed.delays)}`,
  );
});

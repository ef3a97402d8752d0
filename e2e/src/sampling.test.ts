/**
 * The sampling policy end to end, with SENTRY_TRACES_SAMPLE_RATE=0 in every service: a request
 * without trace headers (background load) is not traced anywhere, and a request whose parent is
 * sampled (a debug-panel click) is traced in the gateway and in every subgraph under its trace id.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

const QUERY = `{ players(first: 3) { id metrics { roundsPlayed } rounds(last: 2) { id game { name } } } }`;
const SERVICES = ['gateway', 'users', 'game', 'analytics'];

let sink: SentryEnvelopeSink;
let stack: TestStack;

before(async () => {
  sink = new SentryEnvelopeSink();
  await sink.start();
  stack = await startTestStack({ env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '0' } });
});
after(async () => {
  await stack?.stop();
  await sink?.stop();
});

test('at rate 0, a request without trace headers is not traced, and one with a sampled parent is traced in every service', async () => {
  const background = await stack.graphql<unknown>(QUERY);
  assert.equal(background.errors, undefined, JSON.stringify(background.errors));
  const backgroundTraceId = parsePerfExtension(background.extensions?.['perf']).traceId;
  assert.match(backgroundTraceId, /^[0-9a-f]{32}$/, 'the unsampled request still has a trace id to propagate');

  // What the debug panel's browser SDK sends with a click: a sampled parent, with its baggage.
  const traceId = randomBytes(16).toString('hex');
  const parentSpanId = randomBytes(8).toString('hex');
  const clicked = await stack.graphql<unknown>(QUERY, undefined, {
    'sentry-trace': `${traceId}-${parentSpanId}-1`,
    baggage: `sentry-trace_id=${traceId},sentry-sampled=true,sentry-sample_rate=1,sentry-environment=local,sentry-public_key=publickey`,
  });
  assert.equal(clicked.errors, undefined, JSON.stringify(clicked.errors));
  assert.equal(parsePerfExtension(clicked.extensions?.['perf']).traceId, traceId);

  await sink.waitFor((transactions) => {
    const services = new Set(transactions.filter((t) => t.contexts.trace.trace_id === traceId).map((t) => t.server_name));
    return SERVICES.every((service) => services.has(service));
  });
  // Time for any envelope of the earlier, unsampled request that was still on its way.
  await new Promise((resolve) => setTimeout(resolve, 1500));

  const traceIds = new Set(sink.transactions.map((t) => t.contexts.trace.trace_id));
  assert.equal(traceIds.has(backgroundTraceId), false, 'the request without trace headers sent no transaction');
  assert.deepEqual([...traceIds], [traceId], 'every transaction belongs to the clicked request');
  const root = sink.transactions.find((t) => t.server_name === 'gateway' && t.transaction.includes('/graphql'));
  assert.ok(root, 'the gateway sent the request transaction');
  assert.equal(root.contexts.trace.parent_span_id, parentSpanId, "the gateway's transaction hangs under the panel's span");
});

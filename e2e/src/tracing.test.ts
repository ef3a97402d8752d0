import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SentryTransaction } from '@trace-arcade/trace-detectors';
import { tracedTestStackAroundTests } from './traced-test-stack.js';

const traced = tracedTestStackAroundTests();

test('one request is one trace across the gateway and every subgraph, down to SQL and Mongo commands', async () => {
  const result = await traced.stack.graphql(`{
    players(first: 3) { id metrics { roundsPlayed } rounds(last: 2) { id game { name } } }
  }`);
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));

  // Wait for a /graphql transaction from every service, whatever its trace; then the shared trace
  // id is asserted, so a broken propagation fails at once, naming the service that left the trace.
  const SERVICES = ['gateway', 'users', 'game', 'analytics'];
  const graphqlTransaction = (transactions: SentryTransaction[], service: string) =>
    transactions.find((t) => t.server_name === service && t.transaction.includes('/graphql'));
  await traced.sink.waitFor((transactions) => SERVICES.every((service) => graphqlTransaction(transactions, service)));
  const root = graphqlTransaction(traced.sink.transactions, 'gateway')!;
  const traceId = root.contexts.trace.trace_id;
  assert.match(traceId, /^[0-9a-f]{32}$/);
  for (const service of SERVICES) {
    assert.equal(
      graphqlTransaction(traced.sink.transactions, service)!.contexts.trace.trace_id,
      traceId,
      `${service} is in the gateway's trace`,
    );
  }
  const inTrace = traced.sink.transactions.filter((t) => t.contexts.trace.trace_id === traceId);
  const byService = (service: string) => inTrace.filter((t) => t.server_name === service);

  // Each subgraph transaction hangs under one of the gateway's outgoing http spans.
  const gatewaySpanIds = new Set(root.spans.map((span) => span.span_id));
  for (const service of ['users', 'game', 'analytics']) {
    const transactions = byService(service);
    assert.ok(transactions.length > 0, `${service} joined the trace`);
    for (const transaction of transactions) {
      assert.ok(gatewaySpanIds.has(transaction.contexts.trace.parent_span_id!), `${service} is a child of a gateway span`);
    }
  }

  const dbSpans = (service: string) => byService(service).flatMap((t) => t.spans.filter((span) => span.op?.startsWith('db')));
  const sql = dbSpans('users').map((span) => String(span.description));
  assert.ok(
    sql.some((text) => /select .* from "players"/i.test(text)),
    `users ran SQL: ${sql.join(' | ')}`,
  );
  assert.ok(
    dbSpans('game').some((span) => /from "games"/i.test(String(span.description))),
    'game ran SQL',
  );
  const mongo = dbSpans('analytics');
  assert.ok(
    mongo.some((span) => /aggregate/.test(`${span.description} ${JSON.stringify(span.data)}`)),
    `analytics ran a Mongo aggregate: ${JSON.stringify(mongo.map((s) => s.description))}`,
  );

  // Start-up schema parsing is not sent as transactions of its own.
  assert.equal(
    traced.sink.transactions.some((t) => t.transaction === 'graphql.parse'),
    false,
  );
});

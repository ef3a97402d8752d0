import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePerfExtension, PerfExtensionError } from './perf-extension.js';
import { RequestCost } from './request-cost.js';

const TRACE_ID = 'a'.repeat(32);

test('a subgraph snapshot, summed by the gateway, parses as extensions.perf', { timeout: 5_000 }, async () => {
  const snapshot = await new RequestCost({}).snapshot();
  const perf = {
    traceId: TRACE_ID,
    totalMs: 12.5,
    subgraphs: { users: { ...snapshot, fetches: 2 } },
    plan: { fetches: 2, sequentialDepth: 1 },
  };
  assert.deepEqual(parsePerfExtension(perf), perf);
});

test('a refused request (no plan, no subgraph) parses too', { timeout: 5_000 }, () => {
  assert.deepEqual(parsePerfExtension({ traceId: TRACE_ID, totalMs: 0.4, subgraphs: {} }), {
    traceId: TRACE_ID,
    totalMs: 0.4,
    subgraphs: {},
  });
});

test('a wrong or missing field throws PerfExtensionError naming it', { timeout: 5_000 }, () => {
  const wrong = { traceId: TRACE_ID, subgraphs: { game: { ms: 1, sqlStatements: '3' } } };
  assert.throws(
    () => parsePerfExtension(wrong),
    (error: unknown) => {
      assert.ok(error instanceof PerfExtensionError);
      assert.equal(error.code, 'BAD_PERF_EXTENSION');
      assert.match(error.message, /^expected extensions\.perf of the gateway's shape; got \{"traceId"/);
      assert.match(error.message, /totalMs: /);
      assert.match(error.message, /subgraphs\.game\.sqlStatements: /);
      assert.match(error.message, /subgraphs\.game\.fetches: /);
      return true;
    },
  );
  assert.throws(() => parsePerfExtension(undefined), /\(the whole value\): /);
});

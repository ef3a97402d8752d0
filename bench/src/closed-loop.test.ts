import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { runClosedLoop, summarizeClosedLoop } from './closed-loop.js';

test('never more requests in flight than clients, none started after the deadline, the mix shared', async () => {
  let inFlight = 0;
  let most = 0;
  let turn = 0;
  const started = performance.now();
  const startTimes: number[] = [];
  const result = await runClosedLoop({
    clients: 3,
    durationMs: 200,
    next: () => ({
      name: turn++ % 2 === 0 ? 'a' : 'b',
      send: async () => {
        startTimes.push(performance.now() - started);
        inFlight++;
        most = Math.max(most, inFlight);
        await sleep(10);
        inFlight--;
      },
    }),
  });
  assert.equal(most, 3);
  assert.ok(
    startTimes.every((ms) => ms < 200),
    'no request starts after the deadline',
  );
  // A closed loop: each client sends one request after another, each taking at least 10 ms, so at most
  // 3 × 200 / 10 start before the deadline (however slow the machine), and every client sends one.
  assert.ok(
    result.samples.length >= 3 && result.samples.length <= 60,
    `at least one per client, at most 3 × 200 / 10; got ${result.samples.length}`,
  );
  assert.ok(result.elapsedMs >= 200);
  assert.deepEqual(new Set(result.samples.map((sample) => sample.name)), new Set(['a', 'b']));
});

test('a request that throws is an error sample, and the loop goes on', async () => {
  let count = 0;
  const result = await runClosedLoop({
    clients: 1,
    durationMs: 50,
    next: () => ({
      name: 'x',
      send: async () => {
        await sleep(5);
        if (count++ % 2 === 0) throw new Error('HTTP 500');
      },
    }),
  });
  assert.ok(result.samples.some((sample) => sample.error === 'HTTP 500'));
  assert.ok(result.samples.some((sample) => sample.error === undefined));
});

test('the summary counts successful requests per second and their nearest-rank percentiles', () => {
  const samples = [
    ...Array.from({ length: 99 }, (_, i) => ({ name: i % 2 === 0 ? 'a' : 'b', ms: i + 1 })),
    { name: 'a', ms: 1000 },
    { name: 'b', ms: 5, error: 'HTTP 500' },
  ];
  const summary = summarizeClosedLoop({ samples, elapsedMs: 2000 });
  assert.equal(summary.requests, 100);
  assert.equal(summary.errors, 1);
  assert.equal(summary.requestsPerSecond, 50);
  assert.equal(summary.p50Ms, 50);
  assert.equal(summary.p99Ms, 99);
  assert.deepEqual(Object.keys(summary.p50MsByName).sort(), ['a', 'b']);
});

test('a run without one successful request is an error that says why', () => {
  assert.throws(
    () => summarizeClosedLoop({ samples: [{ name: 'a', ms: 1, error: 'connect ECONNREFUSED' }], elapsedMs: 1000 }),
    /expected successful requests; got none \(connect ECONNREFUSED\)/,
  );
});

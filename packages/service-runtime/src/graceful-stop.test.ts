import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildSchema } from 'graphql';
import { pino } from 'pino';
import { startHttpService } from './http-service.js';

const log = pino({ level: 'silent' });

/** A GraphQL service with a route that answers after 800 ms and one that never answers. */
function startSlowService(options: { shutdownTimeoutMs?: number } = {}) {
  return startHttpService({
    name: 'stop-test',
    host: '127.0.0.1',
    port: 0,
    log,
    readiness: {},
    routes: (app) => {
      app.get('/slow', async (_req, res) => {
        await sleep(800);
        res.json({ answered: 'slow' });
      });
      app.get('/never', () => undefined);
    },
    graphql: {
      source: { schema: buildSchema('type Query { ok: Boolean }') },
      context: async () => ({}),
    },
    ...options,
  });
}

test('stop: readiness answers 503 "shutting down", requests in flight get their answers, then the port closes', async () => {
  const service = await startSlowService();
  const slow = fetch(`${service.url}/slow`);
  await sleep(150);
  const started = performance.now();
  const stopped = service.stop();

  const ready = await fetch(`${service.url}/health/ready`);
  assert.equal(ready.status, 503);
  assert.deepEqual(await ready.json(), { status: 'shutting down', service: 'stop-test' });
  // A request that arrives while draining is still served, on a connection that then closes.
  const late = await fetch(`${service.url}/health/live`);
  assert.equal(late.status, 200);
  assert.equal(late.headers.get('connection'), 'close');

  const answer = await slow;
  assert.equal(answer.status, 200);
  assert.deepEqual(await answer.json(), { answered: 'slow' });
  await stopped;
  const ms = performance.now() - started;
  assert.ok(ms >= 500 && ms < 3000, `stop waited for the slow request and no longer (${Math.round(ms)} ms)`);
  await assert.rejects(fetch(`${service.url}/health/live`), 'no longer listening');
});

test('stop: a request still in flight at the deadline is cut off, and stop returns within the deadline', async () => {
  const service = await startSlowService({ shutdownTimeoutMs: 3000 });
  const never = fetch(`${service.url}/never`);
  await sleep(100);
  const started = performance.now();
  await service.stop();
  const ms = performance.now() - started;
  assert.ok(ms < 3500, `stopped within the deadline (${Math.round(ms)} ms)`);
  await assert.rejects(never, 'the unanswered request ends with its connection');
});

test('a GraphQL service leaves SIGTERM to runService: Apollo installs no signal handler of its own', async () => {
  const before = { term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT') };
  const service = await startSlowService();
  try {
    assert.deepEqual({ term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT') }, before);
  } finally {
    await service.stop();
  }
});

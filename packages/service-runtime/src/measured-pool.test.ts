import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { measuredPool } from './measured-pool.js';
import { measureRequest, RequestCost } from './request-cost.js';

/** A pool of one connection that hands it out in turn, as pg.Pool does; `timeoutMs` as its connectionTimeoutMillis. */
class OneConnectionPool {
  totalCount = 1;
  idleCount = 1;
  waiting: (() => void)[] = [];
  constructor(private readonly timeoutMs = 10_000) {}
  get waitingCount() {
    return this.waiting.length;
  }
  async connect() {
    if (this.idleCount === 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiting = this.waiting.filter((waiter) => waiter !== wake);
          reject(new Error('timeout exceeded when trying to connect'));
        }, this.timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiting.push(wake);
      });
    } else this.idleCount = 0;
    return { release: () => this.release() };
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.idleCount = 1;
  }
  async end() {}
}

const options = { name: 'bet', dependency: 'game database', size: 1, timeoutMs: 100 };

test("the wait for a connection is added to the request's poolWaitMs; no wait, no time", async () => {
  const pool = new OneConnectionPool();
  const measured = measuredPool(pool, options);
  const first = new RequestCost({});
  const second = new RequestCost({});
  const held = await measureRequest(first, () => measured.connect());
  const waited = measureRequest(second, () => measured.connect());
  await sleep(60);
  held.release();
  (await waited).release();
  assert.ok(first.poolWaitMs! < 10, `the first took the free connection in ${first.poolWaitMs} ms`);
  assert.ok(second.poolWaitMs! >= 55, `the second waited ${second.poolWaitMs} ms for it`);
  assert.equal((await second.snapshot()).poolWaitMs, Math.round(second.poolWaitMs! * 100) / 100);
  assert.equal((await new RequestCost({}).snapshot()).poolWaitMs, undefined, 'not in the snapshot where nothing was measured');
});

test('no free connection within the timeout: UPSTREAM_UNAVAILABLE saying which pool, its size and the queue', async () => {
  const pool = new OneConnectionPool(50);
  const measured = measuredPool(pool, options);
  const held = await measured.connect();
  const cost = new RequestCost({});
  await assert.rejects(
    measureRequest(cost, () => measured.connect()),
    (error: unknown) =>
      error instanceof GraphQLError &&
      error.extensions['code'] === 'UPSTREAM_UNAVAILABLE' &&
      error.message ===
        'the game database: expected a free connection of the bet pool within 100 ms; all 1 were in use, with 0 requests queued ahead',
  );
  assert.ok(cost.poolWaitMs! >= 45, 'the time waited counts even when it ends in the timeout');
  held.release();
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { EventLoopLag } from './event-loop-lag.js';

function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test('a block at the very start of a window is seen, and only by windows that include it', async () => {
  const lag = new EventLoopLag();
  lag.start();
  try {
    await sleep(20);
    const before = performance.now();
    blockFor(120);
    await sleep(15);
    const during = lag.since(before);
    assert.ok(during.maxMs >= 100, `max ${during.maxMs} ms`);
    const after = performance.now();
    await sleep(30);
    assert.ok(lag.since(after).maxMs < 50, `max ${lag.since(after).maxMs} ms after the block`);
  } finally {
    lag.stop();
  }
});

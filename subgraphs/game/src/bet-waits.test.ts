import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { BetWaits } from './bet-waits.js';

test('a waiting request wakes as soon as the bet changes, long before its deadline', async () => {
  const waits = new BetWaits();
  const watch = waits.watch('bet-1');
  const started = performance.now();
  const woken = watch.until(started + 10_000);
  waits.changed('bet-1');
  await woken;
  assert.ok(performance.now() - started < 1_000, 'woken by the change, not by the deadline');
  assert.equal(waits.watchedKeys, 0, 'a woken watch is gone');
});

test('a change between the read and the wait is not missed', async () => {
  const waits = new BetWaits();
  const watch = waits.watch('bet-1');
  waits.changed('bet-1'); // the player settles while the waiter is still reading the row
  const started = performance.now();
  await watch.until(started + 10_000);
  assert.ok(performance.now() - started < 1_000);
});

test('without a change the wait ends at the deadline; another key does not wake it', async () => {
  const waits = new BetWaits();
  const watch = waits.watch('bet-1');
  const started = performance.now();
  const woken = watch.until(started + 150);
  waits.changed('bet-2');
  await woken;
  assert.ok(performance.now() - started >= 140, 'it waited until its deadline');
});

test('a cancelled watch leaves nothing behind, and every waiter of a key wakes', async () => {
  const waits = new BetWaits();
  waits.watch('bet-1').cancel();
  assert.equal(waits.watchedKeys, 0);
  const first = waits.watch('bet-1').until(performance.now() + 10_000);
  const second = waits.watch('bet-1').until(performance.now() + 10_000);
  waits.changed('bet-1');
  await Promise.all([first, second]);
  assert.equal(waits.watchedKeys, 0);
});

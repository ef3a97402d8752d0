import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { GraphQLError } from 'graphql';
import { CLOCK_EVERY, LoopGuard } from './loop-guard.js';

test('the guard looks at the clock every CLOCK_EVERY iterations and throws LOOP_GUARD_TRIPPED once the deadline has passed', () => {
  let now = 1_000;
  const guard = new LoopGuard(50, () => now);
  let explained = 0;
  const explain = () => `loop stuck at step ${++explained}`;
  for (let i = 0; i < CLOCK_EVERY; i++) guard.tick(explain);
  now += 49;
  for (let i = 0; i < CLOCK_EVERY; i++) guard.tick(explain);
  assert.equal(explained, 0, 'before the deadline the message is never built');
  now += 1;
  for (let i = 0; i < CLOCK_EVERY - 1; i++) guard.tick(explain);
  assert.throws(
    () => guard.tick(explain),
    (error: unknown) =>
      error instanceof GraphQLError &&
      error.extensions['code'] === 'LOOP_GUARD_TRIPPED' &&
      error.extensions['iterations'] === 3 * CLOCK_EVERY &&
      error.extensions['elapsedMs'] === 50 &&
      error.message === 'loop stuck at step 1; stopped by the loop guard after 50 ms (LOOP_GUARD_MS 50)',
  );
  assert.equal(guard.iterations, 3 * CLOCK_EVERY);
});

test('a loop that never ends is stopped within the deadline plus a little, by the real clock', () => {
  const guard = new LoopGuard(30);
  const started = performance.now();
  assert.throws(() => {
    for (;;) guard.tick(() => 'spinning');
  }, /^spinning; stopped by the loop guard after \d+ ms \(LOOP_GUARD_MS 30\)$/);
  const ms = performance.now() - started;
  assert.ok(ms >= 30 && ms < 200, `stopped after ${ms.toFixed(1)} ms`);
});

test('a deadline that is not a positive number is refused', () => {
  for (const deadline of [0, -1, Number.NaN]) {
    assert.throws(() => new LoopGuard(deadline), /deadlineMs: expected a positive number; got/);
  }
});

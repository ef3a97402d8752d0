import assert from 'node:assert/strict';
import { test } from 'node:test';
import { operationKey, REFUSAL_MEMORY_MS, SERVED_UNIT_MS, SlowVariantRefusals } from './slow-variant-refusals.js';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('a refusal is repeated to other units for REFUSAL_MEMORY_MS, then the subgraph decides again', () => {
  const time = clock();
  const refusals = new SlowVariantRefusals(time.now);
  const operation = operationKey('{ players { id } }', {}, 'n-plus-one=slow');
  assert.equal(refusals.refusalFor(operation, 'unit-a'), undefined, 'nothing refused yet');
  refusals.refused(operation, 'users', undefined);
  assert.deepEqual(refusals.refusalFor(operation, 'unit-a'), { service: 'users', retryAfterMs: REFUSAL_MEMORY_MS });
  time.advance(REFUSAL_MEMORY_MS);
  assert.equal(refusals.refusalFor(operation, 'unit-a'), undefined);
});

test('the unit being served is never refused at the gateway: the subgraph decides for its next request', () => {
  const time = clock();
  const refusals = new SlowVariantRefusals(time.now);
  const operation = operationKey('{ playerActivity }', { playerId: '1' }, 'memory-leak=slow');
  refusals.served(operation, 'holder');
  refusals.refused(operation, 'analytics', undefined);
  assert.equal(refusals.refusalFor(operation, 'holder'), undefined);
  assert.ok(refusals.refusalFor(operation, 'other'));
  time.advance(SERVED_UNIT_MS);
  refusals.refused(operation, 'analytics', undefined);
  assert.ok(refusals.refusalFor(operation, 'holder'), 'served long ago: no longer the holder');
});

test('only the same text, variables and scenario selection are refused; a named wait is kept, up to a second', () => {
  const time = clock();
  const refusals = new SlowVariantRefusals(time.now);
  const slow = operationKey('query ($n: String!) { checkDisplayName(name: $n) { valid } }', { n: 'x' }, 'regex-backtracking=slow');
  refusals.refused(slow, 'users', 15_000);
  assert.equal(refusals.refusalFor(slow, 'a')?.retryAfterMs, REFUSAL_MEMORY_MS * 4);
  const fixed = operationKey('query ($n: String!) { checkDisplayName(name: $n) { valid } }', { n: 'x' }, 'regex-backtracking=fixed');
  const otherName = operationKey('query ($n: String!) { checkDisplayName(name: $n) { valid } }', { n: 'y' }, 'regex-backtracking=slow');
  assert.equal(refusals.refusalFor(fixed, 'a'), undefined);
  assert.equal(refusals.refusalFor(otherName, 'a'), undefined);
});

test('at most a thousand operations are remembered: a flood of distinct variables cannot grow the memory', () => {
  const refusals = new SlowVariantRefusals(clock().now);
  const first = operationKey('{ a }', { i: 0 }, '');
  refusals.refused(first, 'users', undefined);
  for (let i = 1; i <= 1_000; i++) refusals.refused(operationKey('{ a }', { i }, ''), 'users', undefined);
  assert.equal(refusals.refusalFor(first, 'u'), undefined, 'the oldest was forgotten');
  assert.ok(refusals.refusalFor(operationKey('{ a }', { i: 1_000 }, ''), 'u'));
});

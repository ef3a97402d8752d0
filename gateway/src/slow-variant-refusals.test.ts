import assert from 'node:assert/strict';
import { test } from 'node:test';
import { operationKey, REFUSAL_MEMORY_MS, SERVED_UNIT_MS, SlowVariantRefusals } from './slow-variant-refusals.js';

/** The key of an operation JSON can write. */
function key(...args: Parameters<typeof operationKey>): string {
  const operation = operationKey(...args);
  assert.ok(operation !== undefined);
  return operation;
}

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('a refusal is repeated to other units for REFUSAL_MEMORY_MS, then the subgraph decides again', () => {
  const time = clock();
  const refusals = new SlowVariantRefusals(time.now);
  const operation = key('{ players { id } }', {}, 'n-plus-one=slow');
  assert.equal(refusals.refusalFor(operation, 'unit-a'), undefined, 'nothing refused yet');
  refusals.refused(operation, 'users', undefined);
  assert.deepEqual(refusals.refusalFor(operation, 'unit-a'), { service: 'users', retryAfterMs: REFUSAL_MEMORY_MS });
  time.advance(REFUSAL_MEMORY_MS);
  assert.equal(refusals.refusalFor(operation, 'unit-a'), undefined);
});

test('a refusal stands until it expires even once the holder is served: the fixed requests get the pause', () => {
  const time = clock();
  const refusals = new SlowVariantRefusals(time.now);
  const operation = key('{ players { id } }', {}, 'n-plus-one=slow');
  refusals.refused(operation, 'users', undefined);
  refusals.served(operation, 'holder');
  assert.ok(refusals.refusalFor(operation, 'next'));
  time.advance(REFUSAL_MEMORY_MS);
  assert.equal(refusals.refusalFor(operation, 'next'), undefined);
});

test('the unit being served is never refused at the gateway: the subgraph decides for its next request', () => {
  const time = clock();
  const refusals = new SlowVariantRefusals(time.now);
  const operation = key('{ playerActivity }', { playerId: '1' }, 'memory-leak=slow');
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
  const slow = key('query ($n: String!) { checkDisplayName(name: $n) { valid } }', { n: 'x' }, 'regex-backtracking=slow');
  refusals.refused(slow, 'users', 15_000);
  assert.equal(refusals.refusalFor(slow, 'a')?.retryAfterMs, REFUSAL_MEMORY_MS * 4);
  const fixed = key('query ($n: String!) { checkDisplayName(name: $n) { valid } }', { n: 'x' }, 'regex-backtracking=fixed');
  const otherName = key('query ($n: String!) { checkDisplayName(name: $n) { valid } }', { n: 'y' }, 'regex-backtracking=slow');
  assert.equal(refusals.refusalFor(fixed, 'a'), undefined);
  assert.equal(refusals.refusalFor(otherName, 'a'), undefined);
});

test('variables nested past what JSON can write again give no key: such a request is left to the subgraphs', () => {
  let deep: unknown = 1;
  for (let depth = 0; depth < 100_000; depth++) deep = [deep];
  assert.equal(operationKey('query ($x: ID!) { player(id: $x) { id } }', { x: deep }, ''), undefined);
});

test('at most a thousand operations are remembered: a flood of distinct variables cannot grow the memory', () => {
  const refusals = new SlowVariantRefusals(clock().now);
  const first = key('{ a }', { i: 0 }, '');
  refusals.refused(first, 'users', undefined);
  for (let i = 1; i <= 1_000; i++) refusals.refused(key('{ a }', { i }, ''), 'users', undefined);
  assert.equal(refusals.refusalFor(first, 'u'), undefined, 'the oldest was forgotten');
  assert.ok(refusals.refusalFor(key('{ a }', { i: 1_000 }, ''), 'u'));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { operationKey, REFUSAL_MEMORY_MS, SERVED_UNIT_MS, SlowVariantRefusals } from './slow-variant-refusals.js';

const key = (query: string, scenarios: string, operationName?: string) => operationKey(query, operationName, scenarios);

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('a refusal is repeated to other units for REFUSAL_MEMORY_MS, then the subgraph decides again', () => {
  const time = clock();
  const refusals = new SlowVariantRefusals(time.now);
  const operation = key('{ players { id } }', 'n-plus-one=slow');
  assert.equal(refusals.refusalFor(operation, 'unit-a'), undefined, 'nothing refused yet');
  refusals.refused(operation, 'users', undefined);
  assert.deepEqual(refusals.refusalFor(operation, 'unit-a'), { service: 'users', retryAfterMs: REFUSAL_MEMORY_MS });
  time.advance(REFUSAL_MEMORY_MS);
  assert.equal(refusals.refusalFor(operation, 'unit-a'), undefined);
});

test('a refusal stands until it expires even once the holder is served: the fixed requests get the pause', () => {
  const time = clock();
  const refusals = new SlowVariantRefusals(time.now);
  const operation = key('{ players { id } }', 'n-plus-one=slow');
  refusals.refused(operation, 'users', undefined);
  refusals.served(operation, 'holder');
  assert.ok(refusals.refusalFor(operation, 'next'));
  time.advance(REFUSAL_MEMORY_MS);
  assert.equal(refusals.refusalFor(operation, 'next'), undefined);
});

test('the unit being served is never refused at the gateway: the subgraph decides for its next request', () => {
  const time = clock();
  const refusals = new SlowVariantRefusals(time.now);
  const operation = key('query ($playerId: ID!) { playerActivity(playerId: $playerId) }', 'memory-leak=slow');
  refusals.served(operation, 'holder');
  refusals.refused(operation, 'analytics', undefined);
  assert.equal(refusals.refusalFor(operation, 'holder'), undefined);
  assert.ok(refusals.refusalFor(operation, 'other'));
  time.advance(SERVED_UNIT_MS);
  refusals.refused(operation, 'analytics', undefined);
  assert.ok(refusals.refusalFor(operation, 'holder'), 'served long ago: no longer the holder');
});

test('the same text, operation and scenario selection are refused whatever the variables; a named wait is kept, up to a second', () => {
  const time = clock();
  const refusals = new SlowVariantRefusals(time.now);
  const text = 'query Check($n: String!) { checkDisplayName(name: $n) { valid } } query Other { players { id } }';
  const slow = key(text, 'regex-backtracking=slow', 'Check');
  refusals.refused(slow, 'users', 15_000);
  assert.equal(refusals.refusalFor(slow, 'a')?.retryAfterMs, REFUSAL_MEMORY_MS * 4);
  assert.equal(refusals.refusalFor(key(text, 'regex-backtracking=fixed', 'Check'), 'a'), undefined, 'another selection');
  assert.equal(refusals.refusalFor(key(text, 'regex-backtracking=slow', 'Other'), 'a'), undefined, 'another operation of the text');
  assert.equal(refusals.refusalFor(key(`${text} `, 'regex-backtracking=slow', 'Check'), 'a'), undefined, 'another text');
});

test('at most a thousand operations are remembered: a flood of distinct texts cannot grow the memory', () => {
  const refusals = new SlowVariantRefusals(clock().now);
  const first = key('{ a0 }', '');
  refusals.refused(first, 'users', undefined);
  for (let i = 1; i <= 1_000; i++) refusals.refused(key(`{ a${i} }`, ''), 'users', undefined);
  assert.equal(refusals.refusalFor(first, 'u'), undefined, 'the oldest was forgotten');
  assert.ok(refusals.refusalFor(key('{ a1000 }', ''), 'u'));
});

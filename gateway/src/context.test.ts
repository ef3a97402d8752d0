import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCENARIO_NAMES, scenarioDefaults } from '@trace-arcade/scenarios';
import { GraphQLError } from 'graphql';
import { createContext } from './context.js';

/** The forwarded header as a map, to compare without caring about order. */
function forwarded(headers: Record<string, string>, defaults: string): Record<string, string> {
  const header = createContext(headers, scenarioDefaults(defaults)).forwardedHeaders['x-scenarios'];
  assert.ok(header, 'the gateway always forwards x-scenarios');
  return Object.fromEntries(header.split(',').map((entry) => entry.split('=') as [string, string]));
}

test('without a header the gateway forwards its own SCENARIO_DEFAULTS, every scenario named', () => {
  const modes = forwarded({}, 'n-plus-one=fixed');
  assert.deepEqual(Object.keys(modes).sort(), [...SCENARIO_NAMES].sort());
  assert.equal(modes['n-plus-one'], 'fixed');
  assert.equal(modes['cpu-rng'], 'slow', 'the catalog default where SCENARIO_DEFAULTS says nothing');
});

test('the header wins over the defaults, scenario by scenario', () => {
  const modes = forwarded({ 'x-scenarios': 'n-plus-one=slow,cpu-rng=fixed' }, 'n-plus-one=fixed,slow-aggregation=fixed');
  assert.equal(modes['n-plus-one'], 'slow');
  assert.equal(modes['cpu-rng'], 'fixed');
  assert.equal(modes['slow-aggregation'], 'fixed');
  assert.equal(modes['payment-latency'], 'slow');
});

test('a bad header is BAD_USER_INPUT at the edge', () => {
  assert.throws(
    () => createContext({ 'x-scenarios': 'cpu-rng=fast' }, scenarioDefaults(undefined)),
    (error: unknown) => error instanceof GraphQLError && error.extensions['code'] === 'BAD_USER_INPUT',
  );
});

test('every subgraph gets the unit of work: the trace of the client, else an id of its own per request', () => {
  const unit = (headers: Record<string, string>) => createContext(headers, scenarioDefaults(undefined)).forwardedHeaders['x-unit-of-work'];
  const trace = 'ab'.repeat(16);
  assert.equal(unit({ 'sentry-trace': `${trace}-${'cd'.repeat(8)}-0` }), trace, 'a sampled-out trace still names the unit');
  assert.equal(unit({ traceparent: `00-${trace}-${'cd'.repeat(8)}-01` }), trace);
  const [first, second] = [unit({}), unit({ 'sentry-trace': 'not-a-trace' })];
  assert.match(first!, /^[0-9a-f]{32}$/);
  assert.match(second!, /^[0-9a-f]{32}$/);
  assert.notEqual(first, second, 'two requests without a trace are two units');
});

/**
 * A blocked event loop reaches Sentry: the slow twins of cpu-rng (game's prime search) and
 * regex-backtracking (users' backtracking pattern) block their service's loop for longer than
 * EVENT_LOOP_BLOCK_MS (500 ms by default; cpu-rng at PRIME_RNG_PRIMES' cap, see below), and the sink receives an `ApplicationNotResponding` event
 * whose stack names the blocking function, tagged with the service and on the request's trace. The
 * fixed twins send none, and neither does starting the stack.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedErrorCode, isolatedSelection, SCENARIO_HEADER, SCENARIOS } from '@trace-arcade/scenarios';
import {
  blockedEventLoopEvents,
  blockingFrames,
  describeFrames,
  waitForBlockedEventLoopEvent,
  type AnrFrame,
} from './blocked-event-loop.js';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import { tracedTestStackAroundTests } from './traced-test-stack.js';

/** Every setting at its default: the catalog's slow requests block for longer than EVENT_LOOP_BLOCK_MS (500 ms) as they are. */
const traced = tracedTestStackAroundTests();
const NAMES = SCENARIOS.map((scenario) => scenario.name);

/** Runs scenario `name` in `mode` (every other one fixed); its trace id and how long it took. */
async function run(name: string, mode: 'slow' | 'fixed'): Promise<{ traceId: string; ms: number }> {
  const scenario = SCENARIOS.find((candidate) => candidate.name === name)!;
  const started = performance.now();
  const result = await traced.stack.graphql(scenario.operation, scenario.variables, {
    [SCENARIO_HEADER]: isolatedSelection(name, mode, NAMES),
  });
  const ms = performance.now() - started;
  // infinite-loop's slow twin answers with its guard's error by design.
  const expected = expectedErrorCode(name, mode);
  assert.deepEqual(
    result.errors?.map((error) => error.extensions?.['code']),
    expected ? [expected] : undefined,
    JSON.stringify(result.errors),
  );
  return { traceId: parsePerfExtension(result.extensions?.['perf']).traceId, ms };
}

/** The blocking code of each slow twin: the functions of its file in the service's build. */
const BLOCKING = {
  'cpu-rng': { service: 'game', file: /subgraphs\/game\/dist\/scenarios\/cpu-rng\.js$/, functions: ['isPrime', 'primeSearchDraw'] },
  'regex-backtracking': { service: 'users', file: /subgraphs\/users\/dist\/scenarios\/regex-backtracking\.js$/, functions: ['checkWith'] },
  // The walk, or the guard it calls on every page.
  'infinite-loop': {
    service: 'users',
    file: /subgraphs\/users\/dist\/(scenarios\/infinite-loop|loop-guard)\.js$/,
    functions: ['pageByBetSizeSlow', 'firstIndexWhere', 'tick'],
  },
} as const;

/** Time for an event of a block that ended to arrive (the worker sends it after the main thread resumes). */
const ARRIVAL_MS = 3000;

test('starting the stack sends no blocked-event-loop event', async () => {
  await new Promise((resolve) => setTimeout(resolve, ARRIVAL_MS));
  assert.deepEqual(
    blockedEventLoopEvents(traced.sink).map((event) => event.tags?.['service']),
    [],
    'module loading and the SDK start-up block the loop before the watch starts',
  );
});

for (const [name, blocking] of Object.entries(BLOCKING)) {
  test(`${name} slow: an ApplicationNotResponding event from ${blocking.service} on the request's trace names the blocking function`, async (t) => {
    const { traceId, ms } = await run(name, 'slow');
    t.diagnostic(`${name} slow took ${ms.toFixed(0)} ms`);
    const event = await waitForBlockedEventLoopEvent(traced.sink, traceId);
    assert.equal(event.tags?.['service'], blocking.service);
    assert.equal(event.level, 'error');
    const frames = blockingFrames(event);
    const isBlocking = (frame: AnrFrame) =>
      blocking.file.test(frame.filename ?? '') && (blocking.functions as readonly string[]).includes(frame.function ?? '');
    assert.ok(frames.some(isBlocking), `a frame of ${blocking.functions.join(' or ')} in the stack; got ${describeFrames(frames)}`);
    assert.ok(
      blocking.file.test(frames.find((frame) => frame.in_app)?.filename ?? ''),
      `the innermost in-app frame is in the scenario's file; got ${describeFrames(frames)}`,
    );
  });

  test(`${name} fixed: no blocked-event-loop event`, async () => {
    const before = blockedEventLoopEvents(traced.sink).length;
    const { traceId } = await run(name, 'fixed');
    await new Promise((resolve) => setTimeout(resolve, ARRIVAL_MS));
    assert.deepEqual(blockedEventLoopEvents(traced.sink, traceId), []);
    assert.equal(blockedEventLoopEvents(traced.sink).length, before, 'none from any service while the fixed twin ran');
  });
}

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchCatalog, selectScenarios } from './catalog.js';
import { SAMPLE_CATALOG, startRecordingGateway, type RecordingGateway } from './recording-gateway.js';
import { createMix } from './mix.js';
import { runLoad } from './run-load.js';
import { LoadStats } from './stats.js';

let gateway: RecordingGateway;
before(async () => {
  gateway = await startRecordingGateway();
});
after(() => gateway.close());

const plan = (overrides: Partial<Parameters<typeof runLoad>[0]> = {}) => ({
  gatewayUrl: gateway.url,
  ratePerSecond: 200,
  durationMs: 10_000,
  maxRequests: 20,
  requestTimeoutMs: 5000,
  scenarioNames: SAMPLE_CATALOG.scenarios.map((scenario) => scenario.name),
  ...overrides,
});

test('the catalog comes from GET /scenarios', async () => {
  const catalog = await fetchCatalog(gateway.url);
  assert.deepEqual(
    catalog.map((scenario) => [scenario.name, scenario.modes, scenario.variables]),
    SAMPLE_CATALOG.scenarios.map((scenario) => [scenario.name, scenario.modes, scenario.variables]),
  );
  assert.deepEqual(
    selectScenarios(catalog, ['cpu-rng']).map((scenario) => scenario.name),
    ['cpu-rng'],
  );
  assert.throws(
    () => selectScenarios(catalog, ['n-plus-two']),
    /LOAD_SCENARIOS: expected names from the gateway's catalog \(n-plus-one, cpu-rng\); got "n-plus-two"/,
  );
});

test('a catalog of the wrong shape is an error that says what was expected', async () => {
  await assert.rejects(fetchCatalog(`${gateway.url}/nothing-here`), /GET .*\/nothing-here\/scenarios: expected 200; got 404/);
});

test('the mix goes through /graphql with one x-scenarios choice per request, up to the request limit', async () => {
  gateway.seen.length = 0;
  const stats = new LoadStats();
  await runLoad(plan(), createMix(await fetchCatalog(gateway.url), 0.5), stats);

  assert.equal(gateway.seen.length, 20);
  const headers = gateway.seen.map((request) => request.scenarioHeader).sort();
  // The scenario a request runs comes last; every other one is fixed.
  assert.deepEqual(
    [...new Set(headers)],
    ['cpu-rng=fixed,n-plus-one=fixed', 'cpu-rng=fixed,n-plus-one=slow', 'n-plus-one=fixed,cpu-rng=fixed', 'n-plus-one=fixed,cpu-rng=slow'],
  );
  for (const header of new Set(headers)) assert.equal(headers.filter((seen) => seen === header).length, 5, header);
  const nPlusOne = gateway.seen.find((request) => /n-plus-one=slow$/.test(request.scenarioHeader ?? ''));
  assert.equal(nPlusOne?.query, SAMPLE_CATALOG.scenarios[0]!.operation);
  assert.deepEqual(nPlusOne?.variables, { players: 3 });
  // The fixed mode sends its own operation and variables.
  const nPlusOneFixed = gateway.seen.filter((request) => /n-plus-one=fixed$/.test(request.scenarioHeader ?? ''));
  assert.deepEqual(
    new Set(nPlusOneFixed.map((request) => request.query)),
    new Set([SAMPLE_CATALOG.scenarios[0]!.operations!.fixed.operation]),
  );
  assert.deepEqual(nPlusOneFixed[0]?.variables, { first: 4 });

  const rows = stats.summary();
  assert.deepEqual(
    rows.map((row) => [row.scenario, row.mode, row.count, row.errors]),
    [
      ['cpu-rng', 'slow', 5, 5],
      ['cpu-rng', 'fixed', 5, 0],
      ['n-plus-one', 'slow', 5, 0],
      ['n-plus-one', 'fixed', 5, 0],
    ],
  );
  assert.equal(rows[0]!.firstError, 'GraphQL error: spins exhausted');
  const slow = rows.find((row) => row.scenario === 'n-plus-one' && row.mode === 'slow')!;
  const fixed = rows.find((row) => row.scenario === 'n-plus-one' && row.mode === 'fixed')!;
  assert.ok(slow.p50Ms! > fixed.p50Ms!, `slow p50 ${slow.p50Ms} ms above fixed p50 ${fixed.p50Ms} ms`);
});

test('the duration ends a run before the request limit, at the configured rate', async () => {
  gateway.seen.length = 0;
  const stats = new LoadStats();
  const started = performance.now();
  await runLoad(plan({ ratePerSecond: 50, durationMs: 300, maxRequests: 1000 }), createMix(SAMPLE_CATALOG.scenarios, 0), stats);
  const elapsedMs = performance.now() - started;

  assert.equal(stats.totals().count, 15, '50 requests per second for 300 ms');
  assert.ok(elapsedMs >= 280 && elapsedMs < 2000, `took ${elapsedMs} ms`);
  assert.ok(gateway.seen.every((request) => request.scenarioHeader?.split(',').every((entry) => entry.endsWith('=fixed'))));
});

test('aborting stops the schedule and waits for the requests in flight', async () => {
  const stats = new LoadStats();
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 100);
  await runLoad(plan({ ratePerSecond: 50, maxRequests: 1000 }), createMix(SAMPLE_CATALOG.scenarios, 1), stats, stop.signal);
  const { count } = stats.totals();
  assert.ok(count >= 3 && count <= 8, `${count} requests in 100 ms at 50 per second`);
});

test('a gateway that does not answer in time counts as an error', async () => {
  const stats = new LoadStats();
  await runLoad(
    plan({ maxRequests: 2, requestTimeoutMs: 10 }),
    createMix(selectScenarios(SAMPLE_CATALOG.scenarios, ['n-plus-one']), 1),
    stats,
  );
  assert.deepEqual(stats.totals(), { count: 2, errors: 2 });
  assert.equal(stats.summary()[0]!.firstError, 'no answer within 10 ms');
});

test("infinite-loop's slow answer, its guard's LOOP_GUARD_TRIPPED, is the demo's expected answer, not an error", async () => {
  const stats = new LoadStats();
  const catalog = [{ ...SAMPLE_CATALOG.scenarios[1]!, name: 'infinite-loop', operations: undefined }];
  await runLoad(plan({ maxRequests: 4, scenarioNames: ['infinite-loop'] }), createMix(catalog, 0.5), stats);
  assert.deepEqual(
    stats.summary().map((row) => [row.scenario, row.mode, row.count, row.errors]),
    [
      ['infinite-loop', 'slow', 2, 0],
      ['infinite-loop', 'fixed', 2, 0],
    ],
  );
});

test('a SLOW_VARIANT_BUSY answer is counted as refused, not as an error', async () => {
  const stats = new LoadStats();
  const catalog = [{ ...SAMPLE_CATALOG.scenarios[1]!, name: 'pool-exhaustion', operations: undefined }];
  await runLoad(plan({ maxRequests: 4, scenarioNames: ['pool-exhaustion'] }), createMix(catalog, 0.5), stats);
  assert.deepEqual(
    stats.summary().map((row) => [row.scenario, row.mode, row.count, row.errors, row.refused]),
    [
      ['pool-exhaustion', 'slow', 2, 0, 2],
      ['pool-exhaustion', 'fixed', 2, 0, 0],
    ],
  );
});

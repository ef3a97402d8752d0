import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCENARIOS } from './catalog.js';
import { isolatedSelection, ScenarioSelection, ScenarioSelectionError, scenarioDefaults } from './selection.js';

test('every scenario is slow out of the box', () => {
  const defaults = scenarioDefaults(undefined);
  assert.deepEqual(
    Object.values(defaults),
    SCENARIOS.map(() => 'slow'),
  );
});

test('the header overrides the defaults per scenario, and nothing else', () => {
  const selection = new ScenarioSelection(scenarioDefaults('payment-latency=fixed'), 'n-plus-one=fixed, cpu-rng=slow');
  assert.equal(selection.modeOf('n-plus-one'), 'fixed');
  assert.equal(selection.modeOf('cpu-rng'), 'slow');
  assert.equal(selection.modeOf('payment-latency'), 'fixed');
  assert.equal(selection.modeOf('slow-aggregation'), 'slow');
  assert.equal(selection.spanAttributes()['scenario.n-plus-one'], 'fixed');
  assert.equal(new ScenarioSelection(scenarioDefaults(undefined), selection.toHeader()).modeOf('n-plus-one'), 'fixed');
});

test('unknown names and modes are errors that say what was expected and what arrived', () => {
  assert.throws(
    () => new ScenarioSelection(scenarioDefaults(undefined), 'n-plus-two=slow'),
    (error: unknown) =>
      error instanceof ScenarioSelectionError && /expected a scenario name \(n-plus-one, .*\); got "n-plus-two=slow"/.test(error.message),
  );
  assert.throws(
    () => new ScenarioSelection(scenarioDefaults(undefined), 'cpu-rng=fast'),
    (error: unknown) =>
      error instanceof ScenarioSelectionError && /expected cpu-rng=slow\|fixed\|yours; got "cpu-rng=fast"/.test(error.message),
  );
  assert.throws(() => scenarioDefaults('cpu-rng'), /SCENARIO_DEFAULTS: expected cpu-rng=slow\|fixed; got "cpu-rng"/);
});

test("a request may ask for the workshop attendee's version (yours), which counts as not fixed; a default may not", () => {
  const selection = new ScenarioSelection(scenarioDefaults('cpu-rng=fixed'), 'cpu-rng=yours');
  assert.equal(selection.modeOf('cpu-rng'), 'yours');
  assert.equal(selection.isSlow('cpu-rng'), true, 'admitted as a slow twin: it may still be slow');
  assert.throws(() => scenarioDefaults('cpu-rng=yours'), /SCENARIO_DEFAULTS: expected cpu-rng=slow\|fixed; got "cpu-rng=yours"/);
});

test('an isolated selection runs one scenario in its mode and every other one fixed, whatever the defaults', () => {
  const names = SCENARIOS.map((scenario) => scenario.name);
  const header = isolatedSelection('cpu-rng', 'slow', names);
  assert.equal(
    header,
    'n-plus-one=fixed,slow-aggregation=fixed,payment-latency=fixed,regex-backtracking=fixed,federation-waterfall=fixed,pool-exhaustion=fixed,memory-leak=fixed,infinite-loop=fixed,cpu-rng=slow',
  );
  const selection = new ScenarioSelection(scenarioDefaults(undefined), header);
  assert.deepEqual(
    names.map((name) => [name, selection.modeOf(name)]),
    names.map((name) => [name, name === 'cpu-rng' ? 'slow' : 'fixed']),
  );
});

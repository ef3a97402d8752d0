import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogScenario } from './catalog.js';
import { createMix } from './mix.js';

const scenario = (name: string, modes: string[] = ['slow', 'fixed']): CatalogScenario => ({
  name,
  modes,
  operation: '{ __typename }',
  variables: {},
});

function draw(mix: () => ReturnType<ReturnType<typeof createMix>>, count: number) {
  return Array.from({ length: count }, () => mix());
}

test('scenarios take turns, in catalog order', () => {
  const picks = draw(createMix([scenario('a'), scenario('b'), scenario('c')], 0.5), 7);
  assert.deepEqual(
    picks.map((pick) => pick.scenario.name),
    ['a', 'b', 'c', 'a', 'b', 'c', 'a'],
  );
});

test('each scenario sends exactly ceil(n × share) slow requests after n, slow first', () => {
  for (const share of [0, 0.1, 0.25, 0.3, 0.5, 0.9, 1]) {
    const picks = draw(createMix([scenario('a'), scenario('b')], share), 200);
    for (const name of ['a', 'b']) {
      const modes = picks.filter((pick) => pick.scenario.name === name).map((pick) => pick.mode);
      for (const n of [1, 7, 10, 33, 100]) {
        const slow = modes.slice(0, n).filter((mode) => mode === 'slow').length;
        assert.equal(slow, Math.ceil(Math.round(n * share * 1e6) / 1e6), `share ${share}, scenario ${name}, after ${n}`);
      }
      if (share > 0) assert.equal(modes[0], 'slow');
    }
  }
});

test('a scenario that offers one mode gets that mode', () => {
  const picks = draw(createMix([scenario('only-fixed', ['fixed']), scenario('only-slow', ['slow'])], 0.5), 8);
  assert.ok(picks.filter((pick) => pick.scenario.name === 'only-fixed').every((pick) => pick.mode === 'fixed'));
  assert.ok(picks.filter((pick) => pick.scenario.name === 'only-slow').every((pick) => pick.mode === 'slow'));
});

test('unusable input is an error that says what was expected', () => {
  assert.throws(() => createMix([], 0.5), /expected at least one scenario in the mix; got none/);
  const mix = createMix([scenario('odd', ['medium'])], 0.5);
  assert.throws(() => mix(), /scenario odd: expected the modes slow and fixed; got \["medium"\]/);
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { MODES, SCENARIO_NAMES, scenarioDefaults } from '@trace-arcade/scenarios';
import { requireHelm } from './helm.js';
import { parseManifests } from './manifests.js';
import { repoPath } from './repo.js';
import { allContainers, workloads } from './workloads.js';

interface ChartSchema {
  definitions: { scenarioName: { enum: string[] }; mode: { enum: string[] } };
}

test('the chart knows the catalog: values.schema.json lists every scenario and mode, and nothing else', () => {
  const schema = JSON.parse(readFileSync(repoPath('charts/trace-arcade/values.schema.json'), 'utf8')) as ChartSchema;
  assert.deepEqual(
    [...schema.definitions.scenarioName.enum].sort(),
    [...SCENARIO_NAMES].sort(),
    'definitions.scenarioName in values.schema.json differs from the scenario catalog',
  );
  assert.deepEqual([...schema.definitions.mode.enum].sort(), [...MODES].sort(), 'definitions.mode differs from the catalog modes');
});

test('scenarios.defaults becomes a SCENARIO_DEFAULTS that the services parse, the same for each of them', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const [first, second] = SCENARIO_NAMES as [string, string];
  const objects = parseManifests(
    helm.template({
      name: 'scenario defaults',
      set: { [`scenarios.defaults.${first}`]: 'fixed', [`scenarios.defaults.${second}`]: 'slow' },
    }),
  );
  const values = workloads(objects).flatMap((workload) =>
    allContainers(workload.spec).flatMap((container) => (container.env ?? []).filter((variable) => variable.name === 'SCENARIO_DEFAULTS')),
  );
  assert.equal(values.length, 4, 'the gateway, users, game and analytics read it; the payment provider has no scenarios');
  const expected = [`${first}=fixed`, `${second}=slow`].sort().join(',');
  for (const variable of values) assert.equal(variable.value, expected);
  const parsed = scenarioDefaults(expected);
  assert.equal(parsed[first as keyof typeof parsed], 'fixed');

  const none = parseManifests(helm.template({ name: 'no scenario defaults' }));
  assert.ok(
    !none.some((object) => JSON.stringify(object).includes('SCENARIO_DEFAULTS')),
    'unset: every scenario keeps its catalog default',
  );
});

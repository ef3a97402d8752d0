/**
 * Each scenario's own tests and benchmarks are found from its catalog entry (`tests`): every file
 * it names exists, and every test or benchmark file named after a scenario is in that scenario's
 * list, so a newcomer who reads the entry sees all of them.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from './catalog.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where a scenario's own test or benchmark files live, and how their names end. */
const PLACES = [
  { folder: 'e2e/src', suffix: '.test.ts' },
  { folder: 'bench/src', suffix: '-bench.ts' },
  ...['users', 'game', 'analytics'].map((service) => ({ folder: `subgraphs/${service}/src/scenarios`, suffix: '.test.ts' })),
];

for (const scenario of SCENARIOS) {
  test(`${scenario.name}: every file of its tests field exists`, () => {
    const missing = scenario.tests.filter((file) => !existsSync(path.join(REPO_ROOT, file)));
    assert.deepEqual(
      missing,
      [],
      `expected every file in the tests field of ${scenario.name} to exist; got missing: ${missing.join(', ')}`,
    );
  });

  test(`${scenario.name}: every test or benchmark file named after it is in its tests field`, () => {
    const named = PLACES.flatMap(({ folder, suffix }) =>
      readdirSync(path.join(REPO_ROOT, folder))
        .filter((file) => file.startsWith(scenario.name) && file.endsWith(suffix))
        .map((file) => `${folder}/${file}`),
    );
    assert.ok(named.length + scenario.tests.length > 0, `expected ${scenario.name} to have tests of its own`);
    const listed: readonly string[] = scenario.tests;
    const unlisted = named.filter((file) => !listed.includes(file));
    assert.deepEqual(unlisted, [], `expected the tests field of ${scenario.name} to list ${unlisted.join(', ')}`);
  });
}

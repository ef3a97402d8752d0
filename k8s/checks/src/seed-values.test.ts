import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SEED_SIZE, seedSizeFromEnv } from '@trace-arcade/seed-data';
import { parse } from 'yaml';
import { requireHelm } from './helm.js';
import { parseManifests } from './manifests.js';
import { CHART_DIR } from './repo.js';
import { DEFAULT_VALUES } from './value-sets.js';
import { workloads } from './workloads.js';

test('the cluster seeds the same data set as npm start, so that traces and figures compare', () => {
  const values = parse(readFileSync(path.join(CHART_DIR, 'values.yaml'), 'utf8')) as { seed: { players: number; rounds: number } };
  assert.deepEqual({ players: values.seed.players, rounds: values.seed.rounds }, { ...DEFAULT_SEED_SIZE });
});

test('the seed Job is a post-install and post-upgrade hook that seeds every store with a size the seed commands accept', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template(DEFAULT_VALUES));
  const [seed, ...others] = workloads(objects).filter((workload) => workload.component === 'seed');
  assert.equal(others.length, 0);
  assert.equal(seed?.object.metadata.annotations?.['helm.sh/hook'], 'post-install,post-upgrade');
  assert.deepEqual(
    seed.spec.containers.map((container) => [container.name, container.command]),
    [
      ['game', ['node', 'dist/seed-cli.js']],
      ['users', ['node', 'dist/seed-cli.js']],
      ['analytics', ['node', 'dist/seed-cli.js']],
    ],
  );
  for (const container of seed.spec.containers.filter((candidate) => candidate.name !== 'game')) {
    const env = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value]));
    assert.deepEqual(seedSizeFromEnv(env), DEFAULT_SEED_SIZE, container.name);
  }
});

/**
 * charts/trace-arcade/ci/*-values.yaml, which `ct lint` installs the chart with, are the value sets
 * k8s/checks renders: each file renders exactly what its value set renders (the generated passwords
 * aside; ci/kind-values.yaml what k8s/kind-values.yaml renders), and every file belongs to one value set.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { parseManifests, type K8sObject } from './manifests.js';
import { CHART_DIR } from './repo.js';
import { VALUE_SETS } from './value-sets.js';

const CI_DIR = 'charts/trace-arcade/ci';

/** The rendered objects with the data of the chart's own Secrets left out: they hold values generated per render. */
const comparable = (objects: readonly K8sObject[]) =>
  objects.map((object) => (object.kind === 'Secret' ? { ...object, data: Object.keys((object as { data?: object }).data ?? {}) } : object));

test('every file of ci/ is one value set of k8s/checks, and every value set has its file', () => {
  const files = readdirSync(`${CHART_DIR}/ci`).sort();
  assert.ok(
    files.every((file) => file.endsWith('-values.yaml')),
    `ct reads ci/*-values.yaml only: ${files.join(', ')}`,
  );
  assert.deepEqual(VALUE_SETS.map((values) => values.ciFile).sort(), files);
});

for (const values of VALUE_SETS) {
  test(`ci/${values.ciFile} renders what "${values.name}" renders`, (t) => {
    const helm = requireHelm(t);
    if (!helm) return;
    const fromSet = parseManifests(helm.template(values));
    const fromFile = parseManifests(helm.template({ name: `ci/${values.ciFile}`, files: [`${CI_DIR}/${values.ciFile}`] }));
    assert.deepEqual(comparable(fromFile), comparable(fromSet));
  });
}

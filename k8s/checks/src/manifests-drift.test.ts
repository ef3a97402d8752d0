import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { RENDERED_MANIFESTS, renderManifests, renderedManifestsPath } from './rendered-manifests.js';

test(`${RENDERED_MANIFESTS} is the chart rendered with its default values`, (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const expected = renderManifests(helm).split('\n');
  const actual = readFileSync(renderedManifestsPath(), 'utf8').split('\n');
  const line = expected.findIndex((text, index) => text !== actual[index]);
  const stale = line === -1 && actual.length !== expected.length ? Math.min(actual.length, expected.length) : line;
  assert.equal(
    stale,
    -1,
    `${RENDERED_MANIFESTS} is stale from line ${stale + 1} (expected ${JSON.stringify(expected[stale])}; found ${JSON.stringify(actual[stale])}): run npm run k8s:render`,
  );
});

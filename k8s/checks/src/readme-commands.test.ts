import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { kindLoadedImages, kubernetesCommands, shellCommands, timeoutOf } from './readme-commands.js';
import { repoPath } from './repo.js';
import { loadSkaffold } from './skaffold.js';

/** The cluster commands of the README's Kubernetes section and of the chart's README. */
const commands = () => [
  ...kubernetesCommands(readFileSync(repoPath('README.md'), 'utf8')),
  ...shellCommands(readFileSync(repoPath('charts/trace-arcade/README.md'), 'utf8')),
];

test("the README's helm install and upgrade wait as long as skaffold's release does (the seed hook runs inside them)", () => {
  const skaffoldTimeouts = (loadSkaffold().manifests?.helm?.flags?.install ?? []).map(timeoutOf).filter(Boolean);
  assert.equal(skaffoldTimeouts.length, 1, 'skaffold.yaml: one --timeout for helm install');
  const helm = commands().filter((command) => /\bhelm (install|upgrade)\b/.test(command));
  assert.ok(helm.length > 0, 'the README installs the chart with helm');
  for (const command of helm) assert.equal(timeoutOf(command), skaffoldTimeouts[0], `--timeout in: ${command}`);
});

test("the README's docker builds leave out provenance attestations, which kind load cannot import", () => {
  const builds = commands().filter((command) => /\bdocker build\b/.test(command));
  assert.ok(builds.length > 0, 'the README builds the images');
  for (const command of builds) assert.match(command, /--provenance=false/, command);
});

test('the README loads every image skaffold builds into kind', () => {
  const images = (loadSkaffold().build?.artifacts ?? []).map((artifact) => artifact.image).sort();
  assert.deepEqual([...new Set(kindLoadedImages(commands()))].sort(), images);
});

/**
 * Image settings: each component's registry, repository, tag and digest make its image reference,
 * and imagePullSecrets reach every pod, so a private registry and pinned images work.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { parseManifests } from './manifests.js';
import { LARGEST_VALUES } from './value-sets.js';
import { allContainers, workloads } from './workloads.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

test('registry, tag and digest make each image reference; the tag defaults to the appVersion', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const images = (set: Record<string, string>) =>
    new Map(
      workloads(parseManifests(helm.template({ name: 'images', set: { ...LARGEST_VALUES.set, ...set } })))
        .filter((workload) => workload.longRunning)
        .map((workload) => [workload.component, workload.spec.containers[0]!.image]),
    );
  const defaults = images({});
  assert.equal(defaults.get('users'), 'trace-arcade/users:0.1.0');
  assert.equal(defaults.get('postgresql'), 'postgres:17');
  const pinned = images({
    'users.image.registry': 'registry.example.com:5000/team',
    'users.image.tag': '1.2.3',
    'users.image.digest': DIGEST,
    'postgresql.image.digest': DIGEST,
  });
  assert.equal(pinned.get('users'), `registry.example.com:5000/team/trace-arcade/users:1.2.3@${DIGEST}`);
  assert.equal(pinned.get('postgresql'), `postgres:17@${DIGEST}`);
  assert.equal(pinned.get('game'), 'trace-arcade/game:0.1.0', 'one component at a time');
  assert.throws(() => helm.template({ name: 'a bad digest', set: { 'users.image.digest': 'latest' } }), /digest/);
});

test('imagePullSecrets reach every pod of the release, hooks and tests included', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(
    helm.template({ name: 'pull secrets', set: { ...LARGEST_VALUES.set, 'imagePullSecrets[0].name': 'my-registry' } }),
  );
  const pods = workloads(objects);
  assert.ok(pods.length >= 14);
  for (const workload of pods) assert.deepEqual(workload.spec.imagePullSecrets, [{ name: 'my-registry' }], workload.id);
  for (const workload of workloads(parseManifests(helm.template(LARGEST_VALUES))))
    assert.equal(workload.spec.imagePullSecrets, undefined, `${workload.id}: none by default`);
  for (const workload of pods)
    for (const container of allContainers(workload.spec)) assert.ok(container.image, `${workload.id}/${container.name}`);
});

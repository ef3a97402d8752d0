/**
 * Object names of a long release name: Helm accepts release names up to 53 characters, and the
 * chart's names must still be valid, distinct and short enough for the labels Kubernetes derives
 * from them (a StatefulSet's pods carry controller-revision-hash: <name>-<10-character hash>).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { parseManifests } from './manifests.js';
import { LARGEST_VALUES } from './value-sets.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_MAX = 63;
const REVISION_HASH_SUFFIX = '-'.length + 10;

for (const release of ['ta', 'a-release-name-of-forty-characters-xyzw', 'a-release-name-of-fifty-three-characters-the-helm-max']) {
  test(`release ${release} (${release.length} characters): every name a DNS label, distinct per kind, StatefulSets short enough for their revision label`, (t) => {
    const helm = requireHelm(t);
    if (!helm) return;
    const objects = parseManifests(helm.template(LARGEST_VALUES, { release }));
    const seen = new Set<string>();
    for (const object of objects) {
      const { name } = object.metadata;
      assert.ok(name.length <= LABEL_MAX && DNS_LABEL.test(name), `${object.kind}/${name}: a DNS label (${name.length} characters)`);
      const key = `${object.kind}/${name}`;
      assert.ok(!seen.has(key), `${key} twice`);
      seen.add(key);
      if (object.kind === 'StatefulSet')
        assert.ok(
          name.length + REVISION_HASH_SUFFIX <= LABEL_MAX,
          `StatefulSet/${name}: ${name.length} characters, its pods' controller-revision-hash label would be ${name.length + REVISION_HASH_SUFFIX}`,
        );
      for (const [label, value] of Object.entries(object.metadata.labels ?? {}))
        assert.ok(value.length <= LABEL_MAX, `${key}: label ${label}=${value} is ${value.length} characters`);
    }
    const components = objects
      .filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet')
      .map((object) => object.metadata.name.split('-').at(-1));
    assert.ok(
      components.includes('postgresql') && components.includes('mongodb') && components.includes('provider'),
      'names end in their component',
    );
  });
}

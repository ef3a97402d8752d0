import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { parseManifests } from './manifests.js';
import { ingressAllowed, type Source } from './network-policies.js';
import { LARGEST_VALUES } from './value-sets.js';
import { workloads } from './workloads.js';

/** Who may open a connection to whom; "anyone" includes what is outside the release (ingress, port-forward). */
const EXPECTED: Record<string, string[] | 'anyone'> = {
  // What the browser calls: the panel, and the gateway and Spotlight that the panel's page calls.
  web: 'anyone',
  gateway: 'anyone',
  spotlight: 'anyone',
  users: ['gateway', 'game'],
  game: ['gateway'],
  analytics: ['gateway', 'game'],
  'payment-provider': ['game'],
  postgresql: ['users', 'game', 'seed'],
  mongodb: ['analytics', 'seed'],
  seed: [],
  loadgen: [],
  test: [],
  'sentry-dashboards': [],
};

test('network policies: only the gateway reaches the subgraphs (and game the /internal/rounds of users and analytics), only game the payment provider, only owners their stores', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template(LARGEST_VALUES));
  const pods = workloads(objects);
  const sources: [string, Source][] = [...pods.map((pod): [string, Source] => [pod.component, pod.labels]), ['outside', 'outside']];

  const actual: Record<string, string[] | 'anyone'> = {};
  for (const target of pods) {
    const declared = target.spec.containers.flatMap((container) => (container.ports ?? []).map((port) => port.containerPort));
    // Run-to-completion pods declare no port; any port must be closed to everyone.
    const ports = declared.length > 0 ? declared : [8080];
    const admitted = sources.filter(([, source]) => ports.every((port) => ingressAllowed(objects, source, target.labels, port)));
    const names = admitted.map(([name]) => name);
    actual[target.component] = names.length === sources.length ? 'anyone' : names.filter((name) => name !== target.component).sort();
  }
  const expected = Object.fromEntries(
    Object.entries(EXPECTED).map(([component, from]) => [component, from === 'anyone' ? from : [...from].sort()]),
  );
  assert.deepEqual(actual, expected);
});

test('without network policies every pod is reachable', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template({ name: 'no policies', set: { 'networkPolicies.enabled': 'false' } }));
  assert.equal(objects.filter((object) => object.kind === 'NetworkPolicy').length, 0);
});

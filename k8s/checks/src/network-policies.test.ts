import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { parseManifests } from './manifests.js';
import { egressAllowed, ingressAllowed, type Source } from './network-policies.js';
import { LARGEST_VALUES, TEST_DSN } from './value-sets.js';
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

/** The release's namespace, the cluster DNS pods (kind, kubeadm) and addresses no pod of the release may reach. */
const NAMESPACE = { 'kubernetes.io/metadata.name': 'trace-arcade' };
const DNS = { labels: { 'k8s-app': 'kube-dns' }, namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' } };
const FORBIDDEN = [
  { name: 'cloud metadata', ip: '169.254.169.254', port: 80 },
  { name: 'the API server (Service IP)', ip: '10.96.0.1', port: 443 },
  { name: 'the API server (kind node)', ip: '172.18.0.2', port: 6443 },
  { name: 'the kubelet', ip: '192.168.1.10', port: 10250 },
];
const PUBLIC = { ip: '203.0.113.10', port: 443 };

/** Whom each component may open connections to, besides DNS: the traced services also Spotlight; with a DSN, the internet. */
const EXPECTED_EGRESS: Record<string, string[]> = {
  web: [],
  gateway: ['users', 'game', 'analytics', 'spotlight'],
  users: ['postgresql', 'spotlight'],
  game: ['postgresql', 'users', 'analytics', 'payment-provider', 'spotlight'],
  analytics: ['mongodb', 'spotlight'],
  'payment-provider': ['spotlight'],
  spotlight: [],
  postgresql: [],
  mongodb: [],
  seed: ['postgresql', 'mongodb'],
  loadgen: ['gateway'],
  test: ['gateway', 'web'],
  'sentry-dashboards': [],
};

function egressOf(set: Record<string, string>, t: Parameters<typeof requireHelm>[0]) {
  const helm = requireHelm(t);
  if (!helm) return undefined;
  const objects = parseManifests(helm.template({ name: 'egress', set: { ...LARGEST_VALUES.set, ...set } }));
  return { objects, pods: workloads(objects) };
}

test('network policies, egress: DNS and the peers each component needs, nothing else of the release', (t) => {
  const rendered = egressOf({}, t);
  if (!rendered) return;
  const { objects, pods } = rendered;
  const actual: Record<string, string[]> = {};
  for (const source of pods) {
    for (const protocol of ['UDP', 'TCP'] as const)
      assert.ok(egressAllowed(objects, source.labels, DNS, 53, protocol, NAMESPACE), `${source.component}: DNS over ${protocol}`);
    actual[source.component] = pods
      .filter((target) => target !== source && target.longRunning)
      .filter((target) =>
        target.spec.containers.some((container) =>
          (container.ports ?? []).some((port) =>
            egressAllowed(
              objects,
              source.labels,
              { labels: target.labels, namespaceLabels: NAMESPACE },
              port.containerPort,
              'TCP',
              NAMESPACE,
            ),
          ),
        ),
      )
      .map((target) => target.component)
      .sort();
  }
  const expected = Object.fromEntries(Object.entries(EXPECTED_EGRESS).map(([component, to]) => [component, [...to].sort()]));
  assert.deepEqual(actual, expected);
});

test('network policies, egress: no pod reaches cloud metadata, the API server or the nodes; the internet only where traces or the dashboards leave', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  for (const [name, set, outward] of [
    ['no Sentry project', {}, ['sentry-dashboards']],
    ['a Sentry DSN', { 'sentry.dsn': TEST_DSN }, ['gateway', 'users', 'game', 'analytics', 'payment-provider', 'sentry-dashboards']],
    [
      'an OTLP endpoint',
      { 'otlp.endpoint': 'https://otlp.example.com' },
      ['gateway', 'users', 'game', 'analytics', 'payment-provider', 'sentry-dashboards'],
    ],
  ] as const) {
    const objects = parseManifests(helm.template({ name, set: { ...LARGEST_VALUES.set, ...set } }));
    const pods = workloads(objects);
    for (const pod of pods) {
      for (const target of FORBIDDEN)
        assert.equal(
          egressAllowed(objects, pod.labels, { ip: target.ip }, target.port, 'TCP', NAMESPACE),
          false,
          `${name}: ${pod.component} reaches ${target.name}`,
        );
    }
    const reachesInternet = pods
      .filter((pod) => egressAllowed(objects, pod.labels, { ip: PUBLIC.ip }, PUBLIC.port, 'TCP', NAMESPACE))
      .map((pod) => pod.component);
    assert.deepEqual([...new Set(reachesInternet)].sort(), [...outward].sort(), `${name}: who reaches ${PUBLIC.ip}`);
  }
});

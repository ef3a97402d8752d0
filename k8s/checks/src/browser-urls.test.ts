import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { kindPortMappings } from './kind-cluster.js';
import { parseManifests, type K8sObject } from './manifests.js';
import { loadSkaffold } from './skaffold.js';
import { DEFAULT_VALUES, KIND_VALUES } from './value-sets.js';
import { workloads } from './workloads.js';

/** What the browser is told and what it is allowed: the panel's URLs, the gateway's CORS origins. */
function browserSettings(objects: readonly K8sObject[]) {
  const env = (component: string) =>
    Object.fromEntries(
      (workloads(objects).find((workload) => workload.component === component)?.spec.containers[0]?.env ?? []).map((variable) => [
        variable.name,
        variable.value,
      ]),
    );
  const web = env('web');
  return {
    gatewayUrl: web['PANEL_GATEWAY_URL'],
    spotlightUrl: web['PANEL_SPOTLIGHT_URL'],
    corsOrigins: (env('gateway')['CORS_ORIGINS'] ?? '').split(','),
  };
}

/** Where the browser reaches each service on this machine: the port, on loopback. */
function assertReachable(settings: ReturnType<typeof browserSettings>, hostPort: { web: number; gateway: number; spotlight: number }) {
  for (const [name, url, port] of [
    ['PANEL_GATEWAY_URL', settings.gatewayUrl, hostPort.gateway],
    ['PANEL_SPOTLIGHT_URL', settings.spotlightUrl, hostPort.spotlight],
  ] as const) {
    assert.ok(url, `${name} is set`);
    const parsed = new URL(url);
    assert.ok(['localhost', '127.0.0.1'].includes(parsed.hostname), `${name}=${url}: a loopback address`);
    assert.equal(Number(parsed.port), port, `${name}=${url}: the port the host publishes`);
  }
  for (const origin of [`http://localhost:${hostPort.web}`, `http://127.0.0.1:${hostPort.web}`])
    assert.ok(
      settings.corsOrigins.includes(origin),
      `CORS_ORIGINS=${settings.corsOrigins.join(',')} lets the panel at ${origin} call the gateway`,
    );
}

test('with the default values, the panel and the gateway agree with the ports skaffold forwards', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const forwards = loadSkaffold().portForward ?? [];
  const localPort = (service: string) => {
    const forward = forwards.find((candidate) => candidate.resourceName === `trace-arcade-${service}`);
    assert.ok(forward, `skaffold forwards trace-arcade-${service}`);
    return forward.localPort ?? forward.port;
  };
  assertReachable(browserSettings(parseManifests(helm.template(DEFAULT_VALUES))), {
    web: localPort('web'),
    gateway: localPort('gateway'),
    spotlight: localPort('spotlight'),
  });
});

test('with k8s/kind-values.yaml, the panel and the gateway agree with the ports the kind cluster publishes', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template(KIND_VALUES));
  const hostPort = (service: string) => {
    const nodePort = (
      objects.find((object) => object.kind === 'Service' && object.metadata.name === `trace-arcade-${service}`) as unknown as {
        spec: { ports: { nodePort?: number }[] };
      }
    ).spec.ports[0]?.nodePort;
    const mapping = kindPortMappings().find((candidate) => candidate.containerPort === nodePort);
    assert.ok(mapping, `kind publishes trace-arcade-${service}'s node port ${nodePort}`);
    return mapping.hostPort;
  };
  assertReachable(browserSettings(objects), { web: hostPort('web'), gateway: hostPort('gateway'), spotlight: hostPort('spotlight') });
});

test('with the ingress on, the panel is told its hosts, the gateway allows the panel host, and helm test checks the same', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template({ name: 'an ingress', set: { 'ingress.enabled': 'true' } }));
  const settings = browserSettings(objects);
  assert.equal(settings.gatewayUrl, 'http://trace-arcade.localhost');
  assert.equal(settings.spotlightUrl, 'http://spotlight.trace-arcade.localhost');
  assert.ok(settings.corsOrigins.includes('http://panel.trace-arcade.localhost'), `CORS_ORIGINS=${settings.corsOrigins.join(',')}`);
  const webTest = objects.find(
    (object) =>
      object.kind === 'Pod' && object.metadata.annotations?.['helm.sh/hook'] === 'test' && object.metadata.name.endsWith('test-web'),
  ) as (K8sObject & { spec: { containers: { env?: { name: string; value?: string }[] }[] } }) | undefined;
  assert.ok(webTest, 'the web helm test pod');
  const testEnv = (name: string) => webTest.spec.containers[0]?.env?.find((variable) => variable.name === name)?.value;
  assert.equal(testEnv('EXPECTED_GATEWAY_URL'), settings.gatewayUrl, "helm test expects the URL the panel is given, the ingress's");
  // The preflight helm test sends asks the running gateway, not the values, whether the panel's origin may call it.
  assert.equal(testEnv('PANEL_ORIGIN'), 'http://panel.trace-arcade.localhost', "helm test's preflight comes from the ingress's panel host");
  assert.equal(testEnv('GATEWAY_URL'), 'http://trace-arcade-gateway:4000', 'to the gateway inside the cluster');
});

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { requireHelm } from './helm.js';
import { parseManifests, type K8sObject } from './manifests.js';
import { GIB, MIB } from './quantity.js';
import { loadSkaffold, templateName } from './skaffold.js';
import { DEFAULT_VALUES, LARGEST_VALUES, VALUE_SETS } from './value-sets.js';
import { allContainers, podMemoryRequest, workloads, type Workload } from './workloads.js';

/** Volume types the "restricted" Pod Security Standard allows. */
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** What breaks the "restricted" Pod Security Standard, or our own rules (read-only root, requests and limits, probes). */
function problemsOf(workload: Workload): string[] {
  const { spec } = workload;
  const problems: string[] = [];
  const pod = spec.securityContext ?? {};
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) problems.push('uses a host namespace');
  if (pod.seccompProfile?.type !== 'RuntimeDefault') problems.push('pod seccompProfile is not RuntimeDefault');
  if (pod.runAsUser === 0) problems.push('pod runs as user 0');
  for (const volume of spec.volumes ?? []) {
    const type = Object.keys(volume).find((key) => key !== 'name');
    if (!type || !RESTRICTED_VOLUMES.includes(type)) problems.push(`volume ${volume.name} is of type ${type}`);
  }
  for (const container of allContainers(spec)) {
    const at = (problem: string) => problems.push(`container ${container.name}: ${problem}`);
    const context = container.securityContext ?? {};
    if (context.runAsNonRoot !== true && pod.runAsNonRoot !== true) at('runAsNonRoot is not true');
    if (context.runAsUser === 0) at('runs as user 0');
    if (context.privileged) at('is privileged');
    if (context.allowPrivilegeEscalation !== false) at('allowPrivilegeEscalation is not false');
    if (!context.capabilities?.drop?.includes('ALL')) at('does not drop ALL capabilities');
    if ((context.capabilities?.add ?? []).some((capability) => capability !== 'NET_BIND_SERVICE')) at('adds capabilities');
    if (context.seccompProfile && context.seccompProfile.type !== 'RuntimeDefault') at('seccompProfile is not RuntimeDefault');
    if (context.readOnlyRootFilesystem !== true) at('root filesystem is writable');
    if ((container.ports ?? []).some((port) => port.hostPort !== undefined)) at('uses a host port');
    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory']) {
        if (container.resources?.[kind]?.[resource] === undefined) at(`no ${resource} ${kind.slice(0, -1)}`);
      }
    }
  }
  if (workload.longRunning) {
    for (const container of spec.containers) {
      if (!container.readinessProbe) problems.push(`container ${container.name}: no readiness probe`);
      if (!container.livenessProbe) problems.push(`container ${container.name}: no liveness probe`);
    }
  }
  return problems.map((problem) => `${workload.id}: ${problem}`);
}

function render(t: TestContext, values = DEFAULT_VALUES): K8sObject[] | undefined {
  const helm = requireHelm(t);
  return helm ? parseManifests(helm.template(values)) : undefined;
}

for (const values of VALUE_SETS) {
  test(`every workload meets the restricted Pod Security Standard, with probes, requests and limits, with ${values.name}`, (t) => {
    const objects = render(t, values);
    if (!objects) return;
    assert.deepEqual(workloads(objects).flatMap(problemsOf), []);
  });
}

test('every long-running workload has a ServiceAccount of its own and a Service that selects it', (t) => {
  const objects = render(t, LARGEST_VALUES);
  if (!objects) return;
  const named = (kind: string, name: string | undefined) => objects.some((object) => object.kind === kind && object.metadata.name === name);
  for (const workload of workloads(objects).filter((candidate) => candidate.longRunning)) {
    assert.ok(
      named('ServiceAccount', workload.spec.serviceAccountName),
      `${workload.id}: ServiceAccount ${workload.spec.serviceAccountName}`,
    );
    assert.equal(workload.spec.automountServiceAccountToken, false, `${workload.id} mounts an API token`);
    const services: K8sObject[] = objects.filter(
      (object) =>
        object.kind === 'Service' &&
        Object.entries((object as unknown as { spec: { selector: Record<string, string> } }).spec.selector).every(
          ([key, value]) => workload.labels[key] === value,
        ),
    );
    assert.equal(services.length, 1, `${workload.id}: one Service selects it`);
  }
});

test('the memory requests of the whole release stay within 2 GiB', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  for (const values of [DEFAULT_VALUES, LARGEST_VALUES]) {
    const objects = parseManifests(helm.template(values));
    const total = workloads(objects).reduce((sum, workload) => sum + podMemoryRequest(workload.spec) * workload.replicas, 0);
    t.diagnostic(`${values.name}: memory requests ${total / MIB} MiB`);
    assert.ok(total <= 2 * GIB, `${values.name}: ${total / MIB} MiB requested`);
  }
});

test("devSync only makes root filesystems writable and gives the panel's dev server its host names; nothing else changes", (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  // The same token and passwords for both renders: without them, each render makes its own.
  const fixed = {
    'internalApi.token': 'the-same-token-for-both-renders-of-the-chart',
    'postgresql.auth.password': 'the-same-superuser-password',
    'postgresql.auth.appPassword': 'the-same-app-password',
    'mongodb.auth.rootPassword': 'the-same-root-password',
    'mongodb.auth.appPassword': 'the-same-app-password',
  };
  const withSync = helm.template({ name: 'devSync', set: { 'devSync.enabled': 'true', ...fixed } });
  assert.match(withSync, /readOnlyRootFilesystem: false/);
  const allowedHosts = /\n +- name: WEB_ALLOWED_HOSTS\n +value: [^\n]*/g;
  assert.equal([...withSync.matchAll(allowedHosts)].length, 1, 'WEB_ALLOWED_HOSTS for the web container');
  assert.equal(
    withSync.replaceAll('readOnlyRootFilesystem: false', 'readOnlyRootFilesystem: true').replace(allowedHosts, ''),
    helm.template({ ...DEFAULT_VALUES, set: { ...DEFAULT_VALUES.set, ...fixed } }),
  );
});

test('devSync makes writable exactly the root filesystems skaffold dev syncs sources into', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const skaffold = loadSkaffold();
  const templates = skaffold.manifests?.helm?.releases?.[0]?.setValueTemplates ?? {};
  const dev = skaffold.profiles?.find((profile) => profile.name === 'dev');
  const synced = new Set(
    (dev?.build?.artifacts ?? []).filter((artifact) => artifact.sync?.manual?.length).map((artifact) => artifact.image),
  );
  // Each artifact's image under a name of its own, as skaffold sets it.
  const set: Record<string, string> = { 'devSync.enabled': 'true', 'loadgen.enabled': 'true' };
  for (const [key, template] of Object.entries(templates)) {
    const image = /^\{\{\.IMAGE_REPO_(.+)\}\}$/.exec(template)?.[1];
    if (image) set[key] = `registry.test/${image}`;
  }
  const objects = parseManifests(helm.template({ name: 'devSync with skaffold images', set }));
  const writable: string[] = [];
  const expected: string[] = [];
  for (const workload of workloads(objects)) {
    for (const container of allContainers(workload.spec)) {
      const id = `${workload.id}/${container.name}`;
      if (container.securityContext?.readOnlyRootFilesystem !== true) writable.push(id);
      // skaffold syncs into the running containers of a synced image; Jobs and test pods are not synced.
      const image = container.image?.replace(/^registry\.test\//, '').replace(/:.*$/, '');
      if (workload.longRunning && [...synced].some((name) => templateName(name) === image)) expected.push(id);
    }
  }
  assert.ok(expected.length >= 6, `synced containers: ${expected.join(', ')}`);
  assert.deepEqual(writable.sort(), expected.sort());
});

test('containers read the documented health endpoints', (t) => {
  const objects = render(t);
  if (!objects) return;
  const path = (container: IContainer, probe: 'livenessProbe' | 'readinessProbe') => container[probe]?.httpGet?.path;
  for (const workload of workloads(objects).filter((candidate) => candidate.longRunning && candidate.object.kind === 'Deployment')) {
    const [container] = workload.spec.containers;
    const expected = workload.component === 'spotlight' ? ['/health', '/health'] : ['/health/live', '/health/ready'];
    assert.deepEqual([path(container!, 'livenessProbe'), path(container!, 'readinessProbe')], expected, workload.id);
  }
});

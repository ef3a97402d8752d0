/**
 * Chart defects a platform engineer would hit: `replicas: 0` must park a service (not run one
 * replica), a change to the Sentry settings must roll the pods, which read them only at start, and
 * a hook Job must fail on its own deadline before helm's timeout hides why.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { parseManifests, type K8sObject } from './manifests.js';
import { DEFAULT_VALUES, SENTRY_DASHBOARDS_SET, TEST_DSN } from './value-sets.js';

const SERVICES = ['gateway', 'users', 'game', 'analytics', 'payment-provider', 'web'] as const;

interface Deployment extends K8sObject {
  spec: { replicas: number; template: { metadata: { annotations?: Record<string, string> } } };
}

function deployment(objects: readonly K8sObject[], component: string): Deployment {
  const found = objects.find(
    (object) => object.kind === 'Deployment' && object.metadata.labels?.['app.kubernetes.io/component'] === component,
  );
  assert.ok(found, `a Deployment for ${component}`);
  return found as Deployment;
}

test('replicas: 0 renders 0 replicas (a parked service), the default 1', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const defaults = parseManifests(helm.template(DEFAULT_VALUES));
  const parked = parseManifests(helm.template({ name: 'gateway and game parked', set: { 'gateway.replicas': '0', 'game.replicas': '0' } }));
  for (const service of SERVICES) assert.equal(deployment(defaults, service).spec.replicas, 1, `${service} by default`);
  assert.equal(deployment(parked, 'gateway').spec.replicas, 0);
  assert.equal(deployment(parked, 'game').spec.replicas, 0);
  assert.equal(deployment(parked, 'users').spec.replicas, 1);
});

test('a new Sentry DSN changes every service pod template, so an upgrade rolls the pods', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const checksum = (objects: readonly K8sObject[], service: string) =>
    deployment(objects, service).spec.template.metadata.annotations?.['checksum/sentry'];
  const before = parseManifests(helm.template(DEFAULT_VALUES));
  const again = parseManifests(helm.template(DEFAULT_VALUES));
  const after = parseManifests(helm.template({ name: 'a new DSN', set: { 'sentry.dsn': TEST_DSN } }));
  for (const service of SERVICES) {
    assert.match(checksum(before, service) ?? '', /^[0-9a-f]{64}$/, `${service}: checksum/sentry on its pod template`);
    assert.equal(checksum(again, service), checksum(before, service), `${service}: the same values, the same pods`);
    assert.notEqual(checksum(after, service), checksum(before, service), `${service}: a new DSN rolls its pods`);
  }
});

test("every hook Job gives up before helm's --timeout 10m, so its own failure is what the user sees", (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const HELM_TIMEOUT_SECONDS = 600;
  const hooks = parseManifests(helm.template({ name: 'every hook', set: SENTRY_DASHBOARDS_SET })).filter(
    (object) => object.kind === 'Job' && object.metadata.annotations?.['helm.sh/hook'],
  ) as (K8sObject & {
    spec: { activeDeadlineSeconds?: number };
  })[];
  assert.ok(hooks.length >= 2, 'the seed and the dashboards Jobs');
  for (const job of hooks) {
    const deadline = job.spec.activeDeadlineSeconds;
    assert.ok(
      deadline !== undefined && deadline < HELM_TIMEOUT_SECONDS,
      `${job.metadata.name}: activeDeadlineSeconds ${deadline}, expected under ${HELM_TIMEOUT_SECONDS}`,
    );
  }
});

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { flag, instructions } from './dockerfile.js';
import { requireHelm } from './helm.js';
import { builtImages } from './images.js';
import { parseManifests } from './manifests.js';
import { repoPath } from './repo.js';
import { DEFAULT_VALUES, SENTRY_DASHBOARDS_SET } from './value-sets.js';
import { workloads } from './workloads.js';

const COMPONENT = 'sentry-dashboards';
const ENABLED = { name: 'the Sentry dashboards Job', set: SENTRY_DASHBOARDS_SET };

test('the Sentry dashboards Job is off by default', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template(DEFAULT_VALUES));
  assert.deepEqual(
    objects.filter((object) => object.metadata.labels?.['app.kubernetes.io/component'] === COMPONENT).map((object) => object.kind),
    [],
  );
});

test('enabled, it is a post-install and post-upgrade hook that runs the apply command of the gateway image with the token from the Secret', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template(ENABLED));
  const [job, ...others] = workloads(objects).filter((workload) => workload.component === COMPONENT);
  assert.equal(others.length, 0);
  assert.equal(job?.object.kind, 'Job');
  assert.deepEqual(job.object.metadata.annotations, {
    'helm.sh/hook': 'post-install,post-upgrade',
    'helm.sh/hook-weight': '1',
    'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
  });
  const [container, ...more] = job.spec.containers;
  assert.equal(more.length, 0);
  assert.equal(container?.image, 'trace-arcade/gateway:0.1.0');
  assert.deepEqual(container.command, ['node', '/app/packages/dashboards/dist/apply-cli.js']);
  assert.equal(container.args, undefined, 'no --dry-run unless asked');
  assert.deepEqual(Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value ?? variable.valueFrom])), {
    SENTRY_AUTH_TOKEN: { secretKeyRef: { name: 'my-sentry-token', key: 'token' } },
    SENTRY_ORG: 'acme',
    SENTRY_PROJECT: 'trace-arcade',
    SENTRY_URL: 'https://sentry.io',
  });
  assert.ok(!objects.some((object) => object.kind === 'Secret' && object.metadata.name.includes(COMPONENT)), 'the chart keeps no token');

  const dryRun = parseManifests(
    helm.template({
      name: 'a dry run against a self-hosted Sentry, another key',
      set: {
        ...SENTRY_DASHBOARDS_SET,
        'sentryDashboards.apply.dryRun': 'true',
        'sentryDashboards.apply.secretKey': 'auth-token',
        'sentryDashboards.apply.url': 'https://sentry.example.com',
      },
    }),
  );
  const dryContainer = workloads(dryRun).find((workload) => workload.component === COMPONENT)!.spec.containers[0]!;
  assert.deepEqual(dryContainer.args, ['--dry-run']);
  const env = dryContainer.env ?? [];
  assert.deepEqual(env.find((variable) => variable.name === 'SENTRY_AUTH_TOKEN')?.valueFrom?.secretKeyRef, {
    name: 'my-sentry-token',
    key: 'auth-token',
  });
  assert.equal(env.find((variable) => variable.name === 'SENTRY_URL')?.value, 'https://sentry.example.com');
});

test('the gateway image carries the command the Job runs', () => {
  const gateway = builtImages().find((image) => image.image === 'trace-arcade/gateway')!;
  const copied = instructions(gateway.runtime, 'COPY')
    .filter((copy) => flag(copy, 'from') === 'build')
    .map((copy) => copy.args);
  assert.ok(
    copied.includes('/repo/packages/dashboards/dist packages/dashboards/dist'),
    'the runtime stage copies packages/dashboards/dist to /app',
  );
  assert.ok(existsSync(repoPath('packages/dashboards/src/apply-cli.ts')), 'apply-cli.ts compiles to dist/apply-cli.js');
});

const REFUSED: [string, Record<string, string>, RegExp][] = [
  [
    'no Secret',
    { 'sentryDashboards.apply.existingSecret': '' },
    /sentryDashboards\.apply\.existingSecret: expected the name of your Secret/,
  ],
  ['no organization', { 'sentryDashboards.apply.org': '' }, /sentryDashboards\.apply\.org: expected the Sentry organization's slug/],
  ['no project', { 'sentryDashboards.apply.project': '' }, /sentryDashboards\.apply\.project: expected the Sentry project's slug/],
  ['an organization that is no slug', { 'sentryDashboards.apply.org': 'Acme Corp' }, /sentryDashboards\/apply\/org/],
  ['a URL without a scheme', { 'sentryDashboards.apply.url': 'sentry.io' }, /sentryDashboards\/apply\/url/],
];

for (const [what, overrides, message] of REFUSED) {
  test(`enabled with ${what}, the chart refuses to render, and says why`, (t) => {
    const helm = requireHelm(t);
    if (!helm) return;
    assert.throws(() => helm.template({ name: what, set: { ...SENTRY_DASHBOARDS_SET, ...overrides } }), message);
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import { requireHelm } from './helm.js';
import { parseManifests, type K8sObject } from './manifests.js';
import { DEFAULT_VALUES, DSN_VALUES, EXISTING_SECRET_VALUES, TEST_DSN } from './value-sets.js';
import { allContainers, workloads } from './workloads.js';

const PASSWORD = 'n0t-in-any-manifest';

function envOf(objects: readonly K8sObject[], name: string): { owner: string; variable: IEnvVar }[] {
  return workloads(objects).flatMap((workload) =>
    allContainers(workload.spec).flatMap((container) =>
      (container.env ?? [])
        .filter((variable) => variable.name === name)
        .map((variable) => ({ owner: `${workload.id}/${container.name}`, variable })),
    ),
  );
}

test('no rendered manifest carries the Sentry DSN or the database password in plain text', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const text = helm.template({ name: 'a DSN and a password', set: { 'sentry.dsn': TEST_DSN, 'postgresql.auth.password': PASSWORD } });
  assert.equal(text.includes(TEST_DSN), false, 'the DSN appears in plain text');
  assert.equal(text.includes(PASSWORD), false, 'the password appears in plain text');

  const objects = parseManifests(text);
  const secrets = objects.filter((object) => object.kind === 'Secret') as unknown as {
    metadata: { name: string };
    data: Record<string, string>;
  }[];
  const holding = (value: string) => secrets.filter((secret) => Object.values(secret.data).includes(Buffer.from(value).toString('base64')));
  assert.deepEqual(
    holding(TEST_DSN).map((secret) => secret.metadata.name),
    ['trace-arcade-sentry'],
  );
  assert.deepEqual(
    holding(PASSWORD).map((secret) => secret.metadata.name),
    ['trace-arcade-postgresql'],
  );

  const dsn = envOf(objects, 'SENTRY_DSN');
  assert.ok(dsn.length >= 5, 'every service gets SENTRY_DSN');
  for (const { owner, variable } of dsn) {
    assert.equal(variable.value, undefined, `${owner}: SENTRY_DSN has a plain value`);
    assert.deepEqual(variable.valueFrom?.secretKeyRef, { name: 'trace-arcade-sentry', key: 'dsn' }, owner);
  }
  for (const { owner, variable } of envOf(objects, 'DATABASE_URL')) {
    assert.match(
      variable.value ?? '',
      /^postgres:\/\/trace_arcade:\$\(DATABASE_PASSWORD\)@trace-arcade-postgresql:5432\/trace_arcade_(users|game)$/,
      owner,
    );
  }
});

test('with an existing Secret the workloads read the DSN from it and the chart creates none', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template(EXISTING_SECRET_VALUES));
  assert.ok(!objects.some((object) => object.kind === 'Secret' && object.metadata.name === 'trace-arcade-sentry'));
  const dsn = envOf(objects, 'SENTRY_DSN');
  assert.ok(dsn.length >= 5);
  for (const { owner, variable } of dsn) assert.deepEqual(variable.valueFrom?.secretKeyRef, { name: 'my-sentry', key: 'dsn-url' }, owner);
});

test('without a Sentry project the services get a DSN that points at Spotlight, from the Secret, so that traces cross services', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template(DEFAULT_VALUES));
  const secret = objects.find((object) => object.kind === 'Secret' && object.metadata.name === 'trace-arcade-sentry') as unknown as {
    data: Record<string, string>;
  };
  assert.equal(Buffer.from(secret.data['dsn']!, 'base64').toString(), 'http://spotlight@trace-arcade-spotlight:8969/0');
  const dsn = envOf(objects, 'SENTRY_DSN');
  assert.equal(dsn.length, 5);
  for (const { owner, variable } of dsn)
    assert.deepEqual(variable.valueFrom?.secretKeyRef, { name: 'trace-arcade-sentry', key: 'dsn' }, owner);
  assert.deepEqual(envOf(objects, 'SENTRY_SPOTLIGHT'), [], 'no second copy through /stream');
});

test('with a Sentry project Spotlight gets a copy through its /stream; with neither, no DSN at all', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const spotlight = envOf(parseManifests(helm.template(DSN_VALUES)), 'SENTRY_SPOTLIGHT');
  assert.equal(spotlight.length, 5);
  for (const { variable } of spotlight) assert.equal(variable.value, 'http://trace-arcade-spotlight:8969/stream');

  const neither = parseManifests(helm.template({ name: 'no Sentry, no Spotlight', set: { 'spotlight.enabled': 'false' } }));
  assert.deepEqual(envOf(neither, 'SENTRY_DSN'), []);
  assert.deepEqual(envOf(neither, 'SENTRY_SPOTLIGHT'), []);
  assert.ok(!neither.some((object) => object.metadata.name === 'trace-arcade-sentry'));
});

/** The internal API token in the chart's Secret, decoded. */
function internalApiToken(objects: readonly K8sObject[]): string | undefined {
  const secret = objects.find((object) => object.kind === 'Secret' && object.metadata.name === 'trace-arcade-internal-api') as unknown as
    { data: Record<string, string> } | undefined;
  return secret && Buffer.from(secret.data['token']!, 'base64').toString();
}

test('the internal API token: generated per install when not given, read from the Secret by exactly the three services that use it', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const first = parseManifests(helm.template(DEFAULT_VALUES));
  const second = parseManifests(helm.template(DEFAULT_VALUES));
  const token = internalApiToken(first)!;
  assert.match(token, /^[A-Za-z0-9]{48}$/);
  assert.notEqual(internalApiToken(second), token, 'each install gets its own token');

  const readers = envOf(first, 'INTERNAL_API_TOKEN');
  assert.deepEqual(readers.map(({ owner }) => owner.replace(/^.*?trace-arcade-/, '')).sort(), [
    'analytics/analytics',
    'game/game',
    'users/users',
  ]);
  for (const { owner, variable } of readers) {
    assert.equal(variable.value, undefined, `${owner}: the token has a plain value`);
    assert.deepEqual(variable.valueFrom?.secretKeyRef, { name: 'trace-arcade-internal-api', key: 'token' }, owner);
  }
  const hosts = Object.fromEntries(
    envOf(first, 'INTERNAL_ALLOWED_HOSTS').map(({ owner, variable }) => [owner.replace(/^.*?trace-arcade-/, ''), variable.value]),
  );
  assert.deepEqual(hosts, {
    'users/users': 'trace-arcade-users,trace-arcade-users.trace-arcade.svc,trace-arcade-users.trace-arcade.svc.cluster.local',
    'analytics/analytics':
      'trace-arcade-analytics,trace-arcade-analytics.trace-arcade.svc,trace-arcade-analytics.trace-arcade.svc.cluster.local',
  });

  const given = 'g1ven-token-that-is-long-enough-for-the-check';
  const withGiven = helm.template({ name: 'a given token', set: { 'internalApi.token': given } });
  assert.equal(internalApiToken(parseManifests(withGiven)), given);
  const existing = parseManifests(
    helm.template({ name: 'an existing Secret', set: { 'internalApi.existingSecret': 'my-internal', 'internalApi.secretKey': 'k' } }),
  );
  assert.equal(internalApiToken(existing), undefined, 'the chart creates no Secret of its own');
  for (const { owner, variable } of envOf(existing, 'INTERNAL_API_TOKEN'))
    assert.deepEqual(variable.valueFrom?.secretKeyRef, { name: 'my-internal', key: 'k' }, owner);
});

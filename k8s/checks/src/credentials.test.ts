/**
 * The stores' credentials: no password is fixed in values.yaml or in the committed manifests, the
 * chart generates each one it keeps (and keeps it across upgrades with `lookup`, which only a
 * cluster exercises: the kind workflow upgrades and compares), the services log in as application
 * users rather than the superusers, MongoDB requires a login, and a change to the credential
 * settings rolls the services' pods.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import { parse } from 'yaml';
import { requireHelm } from './helm.js';
import { parseManifests, type K8sObject } from './manifests.js';
import { PLAIN_MANIFESTS_SECRETS, RENDERED_MANIFESTS } from './rendered-manifests.js';
import { CHART_DIR, repoPath } from './repo.js';
import { DEFAULT_VALUES } from './value-sets.js';
import { allContainers, workloads } from './workloads.js';

interface Secret extends K8sObject {
  data: Record<string, string>;
}

const secretData = (objects: readonly K8sObject[], name: string) => {
  const secret = objects.find((object) => object.kind === 'Secret' && object.metadata.name === name) as Secret | undefined;
  return secret && Object.fromEntries(Object.entries(secret.data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]));
};

function env(objects: readonly K8sObject[], component: string, container: string): Map<string, IEnvVar> {
  const workload = workloads(objects).find((candidate) => candidate.component === component && candidate.longRunning);
  assert.ok(workload, `a workload for ${component}`);
  const found = allContainers(workload.spec).find((candidate) => candidate.name === container);
  assert.ok(found, `${workload.id}: a container ${container}`);
  return new Map((found.env ?? []).map((variable) => [variable.name, variable]));
}

const fromSecret = (variable: IEnvVar | undefined) => variable?.valueFrom?.secretKeyRef;

/** The chart's own Node services (Spotlight is a third-party program that reads no credentials). */
const SERVICES = ['gateway', 'users', 'game', 'analytics', 'payment-provider', 'web'];

test('values.yaml fixes no password: each is empty, generated at install', () => {
  const values = parse(readFileSync(`${CHART_DIR}/values.yaml`, 'utf8')) as {
    postgresql: { auth: Record<string, string> };
    mongodb: { auth: Record<string, string> };
    internalApi: { token: string };
  };
  assert.equal(values.postgresql.auth['password'], '');
  assert.equal(values.postgresql.auth['appPassword'], '');
  assert.equal(values.mongodb.auth['rootPassword'], '');
  assert.equal(values.mongodb.auth['appPassword'], '');
  assert.equal(values.internalApi.token, '');
});

test('every generated password is random per install (32 letters and digits), the given one wins', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const first = parseManifests(helm.template(DEFAULT_VALUES));
  const second = parseManifests(helm.template(DEFAULT_VALUES));
  for (const [secret, keys] of [
    ['trace-arcade-postgresql', ['password', 'app-password']],
    ['trace-arcade-mongodb', ['root-password', 'app-password']],
  ] as const) {
    const a = secretData(first, secret);
    const b = secretData(second, secret);
    assert.ok(a && b, `the chart's Secret ${secret}`);
    assert.deepEqual(Object.keys(a).sort(), [...keys].sort(), secret);
    for (const key of keys) {
      assert.match(a[key]!, /^[A-Za-z0-9]{32}$/, `${secret}/${key}`);
      assert.notEqual(a[key], b[key], `${secret}/${key}: each install gets its own`);
    }
  }
  const given = parseManifests(helm.template({ name: 'given passwords', set: { 'postgresql.auth.appPassword': 'g1ven-app-password' } }));
  assert.equal(secretData(given, 'trace-arcade-postgresql')?.['app-password'], 'g1ven-app-password');
});

test("the generated values keep the release's Secret across upgrades (lookup), in every Secret the chart generates", () => {
  const helpers = readFileSync(`${CHART_DIR}/templates/_helpers.tpl`, 'utf8');
  const secretValue = /define "trace-arcade\.secretValue"[\s\S]*?{{- end }}/.exec(helpers)?.[0] ?? '';
  assert.match(secretValue, /lookup "v1" "Secret" \.root\.Release\.Namespace \.secret/, 'secretValue reads the existing Secret');
  for (const file of ['postgresql.yaml', 'mongodb.yaml', 'internal-api-secret.yaml']) {
    const template = readFileSync(`${CHART_DIR}/templates/${file}`, 'utf8');
    assert.doesNotMatch(template, /randAlphaNum/, `${file}: no random value outside secretValue`);
    assert.match(template, /include "trace-arcade\.secretValue"/, `${file}: its values come from secretValue`);
  }
});

test('the services log in to PostgreSQL as the application role, which owns their databases; the superuser stays with PostgreSQL', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template(DEFAULT_VALUES));
  for (const service of ['users', 'game']) {
    const variables = env(objects, service, service);
    assert.match(
      variables.get('DATABASE_URL')?.value ?? '',
      new RegExp(`^postgres://trace_arcade:\\$\\(DATABASE_PASSWORD\\)@trace-arcade-postgresql:5432/trace_arcade_${service}$`),
    );
    assert.deepEqual(fromSecret(variables.get('DATABASE_PASSWORD')), { name: 'trace-arcade-postgresql', key: 'app-password' });
  }
  const postgres = env(objects, 'postgresql', 'postgresql');
  assert.deepEqual(fromSecret(postgres.get('POSTGRES_PASSWORD')), { name: 'trace-arcade-postgresql', key: 'password' });
  assert.deepEqual(fromSecret(postgres.get('APP_PASSWORD')), { name: 'trace-arcade-postgresql', key: 'app-password' });
  assert.equal(postgres.get('APP_USER')?.value, 'trace_arcade');
  const initdb = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'trace-arcade-postgresql-initdb') as
    (K8sObject & { data: Record<string, string> }) | undefined;
  const script = initdb?.data['01-databases.sh'] ?? '';
  assert.match(script, /CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';/);
  for (const database of ['trace_arcade_users', 'trace_arcade_game'])
    assert.match(script, new RegExp(`CREATE DATABASE ${database} OWNER :"app_user";`));
  assert.doesNotMatch(script, /SUPERUSER|CREATEROLE|CREATEDB/, 'the role gets no privileges beyond its databases');
});

test('MongoDB requires a login; analytics logs in as a user who may read and write its database only', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template(DEFAULT_VALUES));
  const mongod = workloads(objects).find((workload) => workload.component === 'mongodb')!;
  assert.ok(mongod.spec.containers[0]?.args?.includes('--auth'), 'mongod --auth');
  const mongo = env(objects, 'mongodb', 'mongodb');
  assert.equal(mongo.get('MONGO_INITDB_ROOT_USERNAME')?.value, 'root');
  assert.deepEqual(fromSecret(mongo.get('MONGO_INITDB_ROOT_PASSWORD')), { name: 'trace-arcade-mongodb', key: 'root-password' });
  assert.deepEqual(fromSecret(mongo.get('APP_PASSWORD')), { name: 'trace-arcade-mongodb', key: 'app-password' });
  const initdb = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'trace-arcade-mongodb-initdb') as
    (K8sObject & { data: Record<string, string> }) | undefined;
  assert.match(initdb?.data['01-app-user.js'] ?? '', /roles: \[\{ role: 'readWrite', db: 'trace_arcade_analytics' \}\]/);
  const analytics = env(objects, 'analytics', 'analytics');
  assert.equal(
    analytics.get('MONGO_URL')?.value,
    'mongodb://trace_arcade:$(MONGO_PASSWORD)@trace-arcade-mongodb:27017/?authSource=trace_arcade_analytics',
  );
  assert.deepEqual(fromSecret(analytics.get('MONGO_PASSWORD')), { name: 'trace-arcade-mongodb', key: 'app-password' });
});

test(`${RENDERED_MANIFESTS} holds no password and no token: it reads them from Secrets the reader creates`, () => {
  const objects = parseManifests(readFileSync(repoPath(RENDERED_MANIFESTS), 'utf8'));
  assert.deepEqual(
    objects.filter((object) => object.kind === 'Secret').map((object) => object.metadata.name),
    ['trace-arcade-sentry'],
    'only the DSN that points at Spotlight',
  );
  const names = new Set(
    workloads(objects).flatMap((workload) =>
      allContainers(workload.spec).flatMap((container) =>
        (container.env ?? []).flatMap((variable) => variable.valueFrom?.secretKeyRef?.name ?? []),
      ),
    ),
  );
  for (const name of Object.values(PLAIN_MANIFESTS_SECRETS)) assert.ok(names.has(name), `reads ${name}`);
});

test("a change to the credential settings rolls the services' pods (checksum/credentials)", (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const checksums = (objects: readonly K8sObject[]) =>
    workloads(objects)
      .filter((workload) => SERVICES.includes(workload.component))
      .map((workload) => {
        const template = (workload.object as unknown as { spec: { template: { metadata: { annotations?: Record<string, string> } } } }).spec
          .template;
        return [workload.component, template.metadata.annotations?.['checksum/credentials']] as const;
      });
  const before = checksums(parseManifests(helm.template(DEFAULT_VALUES)));
  assert.equal(before.length, 6);
  for (const [component, checksum] of before) assert.match(checksum ?? '', /^[0-9a-f]{64}$/, component);
  assert.deepEqual(checksums(parseManifests(helm.template(DEFAULT_VALUES))), before, 'generated passwords change nothing');
  const changes: Record<string, string>[] = [
    { 'postgresql.auth.existingSecret': 'my-postgres' },
    { 'mongodb.auth.appPassword': 'an0ther-app-password' },
    { 'internalApi.existingSecret': 'my-internal' },
  ];
  for (const set of changes) {
    const after = new Map(checksums(parseManifests(helm.template({ name: JSON.stringify(set), set }))));
    for (const [component, checksum] of before) assert.notEqual(after.get(component), checksum, `${component} with ${JSON.stringify(set)}`);
  }
});

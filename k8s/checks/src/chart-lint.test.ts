import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { parseManifests } from './manifests.js';
import { CHART_DIR } from './repo.js';
import { VALUE_SETS, type ValueSet } from './value-sets.js';

for (const values of VALUE_SETS) {
  test(`helm lint --strict and helm template pass with ${values.name}`, (t) => {
    const helm = requireHelm(t);
    if (!helm) return;
    helm.lint(values);
    const objects = parseManifests(helm.template(values));
    assert.ok(objects.some((object) => object.kind === 'Deployment' && object.metadata.name === 'trace-arcade-gateway'));
  });
}

const REFUSED: { values: ValueSet; message: RegExp }[] = [
  {
    values: { name: 'an unknown mode', set: { 'scenarios.defaults.n-plus-one': 'fast' } },
    message: /scenarios\/defaults\/n-plus-one.*'slow', 'fixed'/,
  },
  {
    values: { name: 'an unknown scenario', set: { 'scenarios.defaults.n-plus-two': 'fixed' } },
    message: /invalid propertyName 'n-plus-two'/,
  },
  { values: { name: 'a misspelt key', set: { 'gateway.replicass': '2' } }, message: /additional properties 'replicass' not allowed/ },
  { values: { name: 'a sample rate above 1', set: { 'tracing.sampleRate': '1.5' } }, message: /tracing\/sampleRate/ },
  { values: { name: 'a slow share above 1', set: { 'loadgen.slowShare': '2' } }, message: /loadgen\/slowShare/ },
  {
    values: { name: 'a CORS origin with a path', set: { 'gateway.corsOrigins': '{http://localhost:5173/}' } },
    message: /gateway\/corsOrigins\/0/,
  },
  { values: { name: 'a panel gateway URL without a scheme', set: { 'web.gatewayUrl': 'localhost:4000' } }, message: /web\/gatewayUrl/ },
  {
    values: { name: 'a password that breaks DATABASE_URL', set: { 'postgresql.auth.password': 'p@ss:word/1' } },
    message: /postgresql\/auth\/password/,
  },
  {
    values: {
      name: 'a DSN and an existing Secret',
      set: { 'sentry.dsn': 'https://k@o1.ingest.sentry.io/1', 'sentry.existingSecret': 'mine' },
    },
    message: /sentry.dsn and sentry.existingSecret are both set/,
  },
];

for (const { values, message } of REFUSED) {
  test(`the chart refuses ${values.name}, and says why`, (t) => {
    const helm = requireHelm(t);
    if (!helm) return;
    assert.throws(() => helm.template(values), message);
  });
}

test('NOTES.txt renders with every value set and says how to reach the panel and the gateway', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  // Helm renders NOTES.txt only on install; a copy of the chart renders it into a ConfigMap instead.
  const copy = mkdtempSync(path.join(tmpdir(), 'trace-arcade-notes-'));
  try {
    cpSync(CHART_DIR, copy, { recursive: true });
    renameSync(path.join(copy, 'templates', 'NOTES.txt'), path.join(copy, 'notes.txt'));
    writeFileSync(
      path.join(copy, 'templates', 'notes-preview.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: notes }\ndata: { notes: {{ tpl (.Files.Get "notes.txt") . | toJson }} }\n',
    );
    for (const values of VALUE_SETS) {
      const preview = parseManifests(helm.template(values, { chartDir: copy })).find((object) => object.metadata.name === 'notes');
      const notes = (preview as unknown as { data: { notes: string } }).data.notes;
      assert.match(
        notes,
        /GraphQL gateway:\n {2}(kubectl --namespace trace-arcade port-forward service\/trace-arcade-gateway 4000:4000|http|node port)/,
        values.name,
      );
      // The panel's local port is the origin the gateway allows by default.
      assert.match(
        notes,
        /Debug panel:\n {2}(kubectl --namespace trace-arcade port-forward service\/trace-arcade-web 5173:8080\n {2}then http:\/\/127\.0\.0\.1:5173\/|http:\/\/|node port 30173 \(with k8s\/kind-cluster\.yaml: http:\/\/127\.0\.0\.1:30173\/\))/,
        values.name,
      );
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

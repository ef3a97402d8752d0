/**
 * The OTLP endpoint: off by default; with otlp.endpoint, the gateway and the three subgraphs get
 * the OTLP exporter's standard variables, the headers only through a secretKeyRef.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { parseManifests, type K8sObject } from './manifests.js';
import { DEFAULT_VALUES } from './value-sets.js';
import { workloads } from './workloads.js';

const OTLP_SERVICES = ['analytics', 'game', 'gateway', 'users'];

const otlpEnv = (objects: readonly K8sObject[]) =>
  Object.fromEntries(
    workloads(objects)
      .map(
        (workload) =>
          [workload.component, (workload.spec.containers[0]?.env ?? []).filter((variable) => variable.name.startsWith('OTEL_'))] as const,
      )
      .filter(([, variables]) => variables.length > 0),
  );

test('no OTLP variables by default', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  assert.deepEqual(otlpEnv(parseManifests(helm.template(DEFAULT_VALUES))), {});
});

test('otlp.endpoint, .protocol and .headersSecret become OTEL_EXPORTER_OTLP_* of the gateway and the subgraphs', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const secretKey = 'otlp-headers';
  const text = helm.template({
    name: 'an OTLP endpoint with headers',
    set: {
      'otlp.endpoint': 'https://otlp.example.com:4318',
      'otlp.protocol': 'grpc',
      'otlp.headersSecret.name': 'my-otlp',
      'otlp.headersSecret.key': secretKey,
    },
  });
  const byService = otlpEnv(parseManifests(text));
  assert.deepEqual(Object.keys(byService).sort(), OTLP_SERVICES);
  for (const service of OTLP_SERVICES)
    assert.deepEqual(
      byService[service],
      [
        { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'https://otlp.example.com:4318' },
        { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'grpc' },
        { name: 'OTEL_EXPORTER_OTLP_HEADERS', valueFrom: { secretKeyRef: { name: 'my-otlp', key: secretKey } } },
      ],
      service,
    );
  const noHeaders = otlpEnv(parseManifests(helm.template({ name: 'an OTLP endpoint', set: { 'otlp.endpoint': 'http://collector:4318' } })));
  assert.deepEqual(
    noHeaders['gateway']?.map((variable) => variable.name),
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL'],
  );
  assert.throws(
    () => helm.template({ name: 'a bad protocol', set: { 'otlp.endpoint': 'http://c:4318', 'otlp.protocol': 'udp' } }),
    /protocol/,
  );
});

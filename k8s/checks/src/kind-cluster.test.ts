import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { kindPortMappings, loadKindCluster } from './kind-cluster.js';
import { parseManifests } from './manifests.js';
import { loadSkaffold } from './skaffold.js';
import { DEFAULT_VALUES, KIND_VALUES } from './value-sets.js';

interface Service {
  metadata: { name: string };
  spec: { type?: string; ports: { port: number; nodePort?: number }[] };
}

test('the kind cluster publishes the panel, gateway and Spotlight NodePorts on the host loopback, each on its own number', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const cluster = loadKindCluster();
  assert.equal(cluster.kind, 'Cluster');
  assert.equal(cluster.apiVersion, 'kind.x-k8s.io/v1alpha4');
  const mappings = kindPortMappings(cluster);

  const services = parseManifests(helm.template(KIND_VALUES)).filter((object) => object.kind === 'Service') as unknown as Service[];
  const published = services.filter((service) => service.spec.type === 'NodePort');
  assert.deepEqual(published.map((service) => service.metadata.name).sort(), [
    'trace-arcade-gateway',
    'trace-arcade-spotlight',
    'trace-arcade-web',
  ]);
  for (const service of published) {
    const [port] = service.spec.ports;
    const mapping = mappings.find((candidate) => candidate.containerPort === port?.nodePort);
    assert.ok(mapping, `${service.metadata.name}: node port ${port?.nodePort} is mapped`);
    assert.equal(mapping.hostPort, port?.nodePort, `${service.metadata.name}: the host port is the node port's own number`);
    assert.equal(mapping.listenAddress, '127.0.0.1', `${service.metadata.name}: published on loopback only`);
  }
  assert.equal(mappings.length, published.length, 'every mapping belongs to a NodePort service');
});

test('no host port the kind cluster publishes is one that skaffold forwards, so skaffold dev gets the ports the README names', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const skaffold = loadSkaffold();
  const forwarded = new Map<number, string>();
  for (const pipeline of [skaffold, ...(skaffold.profiles ?? [])])
    for (const forward of pipeline.portForward ?? [])
      forwarded.set(forward.localPort ?? forward.port, `skaffold forwards ${forward.resourceName}`);
  // `skaffold run --port-forward` also forwards every Service on its own port when that port is free.
  const services = parseManifests(helm.template(DEFAULT_VALUES)).filter((object) => object.kind === 'Service') as unknown as Service[];
  for (const service of services)
    for (const port of service.spec.ports)
      if (!forwarded.has(port.port)) forwarded.set(port.port, `skaffold --port-forward may forward ${service.metadata.name}`);

  const clashes = kindPortMappings()
    .filter((mapping) => forwarded.has(mapping.hostPort))
    .map((mapping) => `host port ${mapping.hostPort}: kind publishes it, and ${forwarded.get(mapping.hostPort)} there`);
  assert.deepEqual(clashes, [], 'a port Docker already holds makes skaffold quietly forward to another one');
});

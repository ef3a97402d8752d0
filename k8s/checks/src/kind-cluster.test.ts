import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { requireHelm } from './helm.js';
import { parseManifests } from './manifests.js';
import { repoPath } from './repo.js';
import { KIND_VALUES } from './value-sets.js';

interface KindCluster {
  kind: string;
  apiVersion: string;
  nodes: { role: string; extraPortMappings?: { containerPort: number; hostPort: number; listenAddress?: string; protocol?: string }[] }[];
}

interface Service {
  metadata: { name: string };
  spec: { type?: string; ports: { port: number; nodePort?: number }[] };
}

test('the kind cluster publishes the gateway and Spotlight NodePorts on the host loopback, at their usual ports', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const cluster = parse(readFileSync(repoPath('k8s/kind-cluster.yaml'), 'utf8')) as KindCluster;
  assert.equal(cluster.kind, 'Cluster');
  assert.equal(cluster.apiVersion, 'kind.x-k8s.io/v1alpha4');
  const mappings = cluster.nodes.flatMap((node) => node.extraPortMappings ?? []);

  const services = parseManifests(helm.template(KIND_VALUES)).filter((object) => object.kind === 'Service') as unknown as Service[];
  const published = services.filter((service) => service.spec.type === 'NodePort');
  assert.deepEqual(published.map((service) => service.metadata.name).sort(), ['trace-arcade-gateway', 'trace-arcade-spotlight']);
  for (const service of published) {
    const [port] = service.spec.ports;
    const mapping = mappings.find((candidate) => candidate.containerPort === port?.nodePort);
    assert.ok(mapping, `${service.metadata.name}: node port ${port?.nodePort} is mapped`);
    assert.equal(mapping.hostPort, port?.port, `${service.metadata.name}: the host port is the service's own port`);
    assert.equal(mapping.listenAddress, '127.0.0.1', `${service.metadata.name}: published on loopback only`);
  }
  assert.equal(mappings.length, published.length, 'every mapping belongs to a NodePort service');
});

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { repoPath } from './repo.js';

export interface PortMapping {
  containerPort: number;
  hostPort: number;
  listenAddress?: string;
  protocol?: string;
}

interface KindCluster {
  kind: string;
  apiVersion: string;
  nodes: { role: string; extraPortMappings?: PortMapping[] }[];
}

/** k8s/kind-cluster.yaml, the cluster of the README's kind sequence. */
export function loadKindCluster(): KindCluster {
  return parse(readFileSync(repoPath('k8s/kind-cluster.yaml'), 'utf8')) as KindCluster;
}

/** The host ports the kind cluster publishes (Docker binds them when the cluster is created). */
export function kindPortMappings(cluster = loadKindCluster()): PortMapping[] {
  return cluster.nodes.flatMap((node) => node.extraPortMappings ?? []);
}

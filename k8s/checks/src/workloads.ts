import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { K8sObject } from './manifests.js';
import { parseQuantity } from './quantity.js';

/** The pods a rendered object runs: Deployments, StatefulSets, Jobs and bare Pods (helm test). */
export interface Workload {
  object: K8sObject;
  /** Kind/name, for messages. */
  id: string;
  component: string;
  /** Serves until stopped (Deployment, StatefulSet), as opposed to running to completion. */
  longRunning: boolean;
  replicas: number;
  labels: Record<string, string>;
  spec: IPodSpec;
}

interface PodTemplateOwner {
  spec: { replicas?: number; parallelism?: number; template: { metadata: { labels: Record<string, string> }; spec: IPodSpec } };
}

export function workloads(objects: readonly K8sObject[]): Workload[] {
  return objects.flatMap((object): Workload[] => {
    const id = `${object.kind}/${object.metadata.name}`;
    if (object.kind === 'Deployment' || object.kind === 'StatefulSet' || object.kind === 'Job') {
      const { spec } = object as unknown as PodTemplateOwner;
      const labels = spec.template.metadata.labels;
      const longRunning = object.kind !== 'Job';
      const replicas = longRunning ? (spec.replicas ?? 1) : (spec.parallelism ?? 1);
      return [
        { object, id, component: labels['app.kubernetes.io/component'] ?? '', longRunning, replicas, labels, spec: spec.template.spec },
      ];
    }
    if (object.kind === 'Pod') {
      const labels = object.metadata.labels ?? {};
      const spec = (object as unknown as { spec: IPodSpec }).spec;
      return [{ object, id, component: labels['app.kubernetes.io/component'] ?? '', longRunning: false, replicas: 1, labels, spec }];
    }
    return [];
  });
}

export function allContainers(spec: IPodSpec): IContainer[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/**
 * What the scheduler reserves for one pod: the larger of the containers' sum and the largest
 * init container (init containers run one at a time, before the others).
 */
export function podMemoryRequest(spec: IPodSpec): number {
  const request = (container: IContainer) => parseQuantity(container.resources?.requests?.['memory'] ?? 0);
  const running = spec.containers.reduce((sum, container) => sum + request(container), 0);
  return Math.max(running, ...(spec.initContainers ?? []).map(request));
}

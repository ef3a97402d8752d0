import type { K8sObject } from './manifests.js';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}

interface NetworkPolicy {
  spec: {
    podSelector: LabelSelector;
    policyTypes?: string[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: { port?: number | string; protocol?: string }[] }[];
  };
}

/** Who opens a connection: a pod of the release (its labels) or something outside it. */
export type Source = Record<string, string> | 'outside';

function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return labels[key] !== undefined && values.includes(labels[key]);
      case 'NotIn':
        return labels[key] === undefined || !values.includes(labels[key]);
      case 'Exists':
        return labels[key] !== undefined;
      case 'DoesNotExist':
        return labels[key] === undefined;
    }
  });
  return byLabels && byExpressions;
}

function peerAdmits(peer: NetworkPolicyPeer, source: Source): boolean {
  // Without a namespaceSelector a podSelector means pods of the policy's own namespace.
  if (source === 'outside') return peer.ipBlock !== undefined || peer.namespaceSelector !== undefined;
  if (peer.ipBlock) return false;
  return peer.podSelector ? selects(peer.podSelector, source) : peer.namespaceSelector !== undefined;
}

/**
 * Whether the rendered NetworkPolicies let `source` open a TCP connection to `port` of a pod with
 * `target` labels: allowed when no ingress policy selects the pod, else when one of its rules does.
 */
export function ingressAllowed(objects: readonly K8sObject[], source: Source, target: Record<string, string>, port: number): boolean {
  const policies = objects
    .filter((object) => object.kind === 'NetworkPolicy')
    .map((object) => object as unknown as NetworkPolicy)
    .filter((policy) => (policy.spec.policyTypes ?? ['Ingress']).includes('Ingress') && selects(policy.spec.podSelector, target));
  if (policies.length === 0) return true;
  return policies.some((policy) =>
    (policy.spec.ingress ?? []).some((rule) => {
      const portMatches = !rule.ports?.length || rule.ports.some((rulePort) => rulePort.port === undefined || rulePort.port === port);
      const sourceMatches = !rule.from?.length || rule.from.some((peer) => peerAdmits(peer, source));
      return portMatches && sourceMatches;
    }),
  );
}

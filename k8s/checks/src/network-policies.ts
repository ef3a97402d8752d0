import type { K8sObject } from './manifests.js';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

type PolicyPort = { port?: number | string; protocol?: string };

interface NetworkPolicy {
  spec: {
    podSelector: LabelSelector;
    policyTypes?: string[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: PolicyPort[] }[];
    egress?: { to?: NetworkPolicyPeer[]; ports?: PolicyPort[] }[];
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

/** Where a pod connects to: a pod (its labels, and its namespace's labels) or an address outside the cluster's pods. */
export type Destination = { labels: Record<string, string>; namespaceLabels: Record<string, string> } | { ip: string };

const ipv4 = (address: string) => address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);

/** Whether an IPv4 address lies in a CIDR block. */
export function inCidr(address: string, cidr: string): boolean {
  const [base = '', bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(address) / size) === Math.floor(ipv4(base) / size);
}

function peerReaches(peer: NetworkPolicyPeer, destination: Destination, policyNamespaceLabels: Record<string, string>): boolean {
  if ('ip' in destination) {
    if (!peer.ipBlock) return false;
    return inCidr(destination.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((block) => inCidr(destination.ip, block));
  }
  if (peer.ipBlock) return false;
  // Without a namespaceSelector a podSelector means pods of the policy's own namespace.
  const namespaceMatches = peer.namespaceSelector
    ? selects(peer.namespaceSelector, destination.namespaceLabels)
    : Object.entries(policyNamespaceLabels).every(([key, value]) => destination.namespaceLabels[key] === value);
  return namespaceMatches && (peer.podSelector ? selects(peer.podSelector, destination.labels) : true);
}

/**
 * Whether the rendered NetworkPolicies (of the namespace with `namespaceLabels`) let a pod with
 * `source` labels open a connection to `port`/`protocol` of `destination`: allowed when no egress
 * policy selects the pod, else when one of their rules does.
 */
export function egressAllowed(
  objects: readonly K8sObject[],
  source: Record<string, string>,
  destination: Destination,
  port: number,
  protocol: 'TCP' | 'UDP',
  namespaceLabels: Record<string, string>,
): boolean {
  const policies = objects
    .filter((object) => object.kind === 'NetworkPolicy')
    .map((object) => object as unknown as NetworkPolicy)
    .filter((policy) => (policy.spec.policyTypes ?? []).includes('Egress') && selects(policy.spec.podSelector, source));
  if (policies.length === 0) return true;
  return policies.some((policy) =>
    (policy.spec.egress ?? []).some((rule) => {
      const portMatches =
        !rule.ports?.length ||
        rule.ports.some((rulePort) => (rulePort.port === undefined || rulePort.port === port) && (rulePort.protocol ?? 'TCP') === protocol);
      const destinationMatches = !rule.to?.length || rule.to.some((peer) => peerReaches(peer, destination, namespaceLabels));
      return portMatches && destinationMatches;
    }),
  );
}

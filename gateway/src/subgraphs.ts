/** The subgraphs behind the gateway, in the order their status is reported. */
export const SUBGRAPH_NAMES = ['users', 'game', 'analytics'] as const;

export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

import type { Helm } from './helm.js';
import { repoPath } from './repo.js';
import { DEFAULT_VALUES } from './value-sets.js';

/** The plain manifests kept in the repository for people without Helm: the chart with default values. */
export const RENDERED_MANIFESTS = 'k8s/manifests/trace-arcade.yaml';

/**
 * The chart makes a random internal API token at install; a file kept in the repository cannot, so
 * it carries this one, which the header tells the reader to replace.
 */
export const PLAIN_MANIFESTS_INTERNAL_API_TOKEN = 'replace-me-with-a-random-token-of-32-characters-or-more';

const HEADER = `# Rendered from charts/trace-arcade with its default values (release and namespace trace-arcade).
# Do not edit: change the chart and run \`npm run k8s:render\`; a check fails when this file drifts.
# The Secret trace-arcade-internal-api holds a placeholder token: replace it before a shared cluster, e.g.
# kubectl create secret generic trace-arcade-internal-api --namespace trace-arcade --from-literal=token="$(openssl rand -hex 32)" --dry-run=client -o yaml | kubectl apply -f -
# kubectl create namespace trace-arcade && kubectl apply --namespace trace-arcade -f ${RENDERED_MANIFESTS}
`;

/** The file's content: helm's output without the helm test pod, after a header that says where it comes from. */
export function renderManifests(helm: Helm): string {
  const values = { ...DEFAULT_VALUES, set: { ...DEFAULT_VALUES.set, 'internalApi.token': PLAIN_MANIFESTS_INTERNAL_API_TOKEN } };
  return `${HEADER}${helm.template(values, { skipTests: true })}`;
}

export const renderedManifestsPath = () => repoPath(RENDERED_MANIFESTS);

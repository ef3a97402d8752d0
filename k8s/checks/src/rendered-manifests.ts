import type { Helm } from './helm.js';
import { repoPath } from './repo.js';
import { DEFAULT_VALUES } from './value-sets.js';

/** The plain manifests kept in the repository for people without Helm: the chart with default values. */
export const RENDERED_MANIFESTS = 'k8s/manifests/trace-arcade.yaml';

const HEADER = `# Rendered from charts/trace-arcade with its default values (release and namespace trace-arcade).
# Do not edit: change the chart and run \`npm run k8s:render\`; a check fails when this file drifts.
# kubectl create namespace trace-arcade && kubectl apply --namespace trace-arcade -f ${RENDERED_MANIFESTS}
`;

/** The file's content: helm's output without the helm test pod, after a header that says where it comes from. */
export function renderManifests(helm: Helm): string {
  return `${HEADER}${helm.template(DEFAULT_VALUES, { skipTests: true })}`;
}

export const renderedManifestsPath = () => repoPath(RENDERED_MANIFESTS);

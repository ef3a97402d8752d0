import type { Helm } from './helm.js';
import { repoPath } from './repo.js';
import { DEFAULT_VALUES, type ValueSet } from './value-sets.js';

/** The plain manifests kept in the repository for people without Helm: the chart with default values. */
export const RENDERED_MANIFESTS = 'k8s/manifests/trace-arcade.yaml';

/**
 * The chart makes its passwords and the internal API token at install; a file kept in the
 * repository cannot (it would hand everyone the same ones), so it names Secrets that the reader
 * creates first, with the keys the chart's own Secrets have.
 */
export const PLAIN_MANIFESTS_SECRETS = {
  postgresql: 'trace-arcade-postgresql-credentials',
  mongodb: 'trace-arcade-mongodb-credentials',
  internalApi: 'trace-arcade-internal-api-token',
} as const;

export const PLAIN_MANIFESTS_VALUES: ValueSet = {
  name: 'the plain manifests (default values, the credentials in Secrets of the reader)',
  set: {
    ...DEFAULT_VALUES.set,
    'postgresql.auth.existingSecret': PLAIN_MANIFESTS_SECRETS.postgresql,
    'mongodb.auth.existingSecret': PLAIN_MANIFESTS_SECRETS.mongodb,
    'internalApi.existingSecret': PLAIN_MANIFESTS_SECRETS.internalApi,
  },
};

const secret = (name: string, keys: string[]) =>
  `# kubectl create secret generic ${name} --namespace trace-arcade ${keys.map((key) => `--from-literal=${key}="$(openssl rand -hex 24)"`).join(' ')}`;

const HEADER = `# Rendered from charts/trace-arcade with its default values (release and namespace trace-arcade).
# Do not edit: change the chart and run \`npm run k8s:render\`; a check fails when this file drifts.
# It holds no password: create the three Secrets it reads first, each with random values, then apply it:
# kubectl create namespace trace-arcade
${secret(PLAIN_MANIFESTS_SECRETS.postgresql, ['password', 'app-password'])}
${secret(PLAIN_MANIFESTS_SECRETS.mongodb, ['root-password', 'app-password'])}
${secret(PLAIN_MANIFESTS_SECRETS.internalApi, ['token'])}
# kubectl apply --namespace trace-arcade -f ${RENDERED_MANIFESTS}
`;

/** The file's content: helm's output without the helm test pod, after a header that says where it comes from. */
export function renderManifests(helm: Helm): string {
  return `${HEADER}${helm.template(PLAIN_MANIFESTS_VALUES, { skipTests: true })}`;
}

export const renderedManifestsPath = () => repoPath(RENDERED_MANIFESTS);

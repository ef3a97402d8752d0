/** One way of installing the chart, as `helm --set` pairs and values files. */
export interface ValueSet {
  name: string;
  set?: Record<string, string>;
  /** Paths from the repository root. */
  files?: string[];
  /** The same values as a file of charts/trace-arcade/ci/, which `ct lint` installs the chart with. */
  ciFile?: string;
}

/** A DSN-shaped value that must never appear in a rendered manifest in plain text. */
export const TEST_DSN = 'https://0123456789abcdef0123456789abcdef@o4509999.ingest.sentry.io/4509999';

export const DEFAULT_VALUES: ValueSet = { name: 'default values', ciFile: 'default-values.yaml' };

export const DSN_VALUES: ValueSet = { name: 'a Sentry DSN in values', set: { 'sentry.dsn': TEST_DSN }, ciFile: 'sentry-dsn-values.yaml' };

export const EXISTING_SECRET_VALUES: ValueSet = {
  name: 'an existing Sentry Secret',
  set: { 'sentry.existingSecret': 'my-sentry', 'sentry.secretKey': 'dsn-url' },
  ciFile: 'existing-sentry-secret-values.yaml',
};

/** The opt-in Job that applies the Sentry dashboards and alert rules, its token in a Secret of the user's. */
export const SENTRY_DASHBOARDS_SET: Record<string, string> = {
  'sentryDashboards.apply.enabled': 'true',
  'sentryDashboards.apply.existingSecret': 'my-sentry-token',
  'sentryDashboards.apply.org': 'acme',
  'sentryDashboards.apply.project': 'trace-arcade',
};

/** The value set with the most workloads: the one that must fit the memory budget. */
export const LARGEST_VALUES: ValueSet = {
  name: 'the load generator, the Sentry dashboards Job and an ingress',
  set: { 'loadgen.enabled': 'true', 'ingress.enabled': 'true', 'ingress.className': 'nginx', ...SENTRY_DASHBOARDS_SET },
  ciFile: 'largest-values.yaml',
};

export const KIND_VALUES: ValueSet = { name: 'kind (k8s/kind-values.yaml)', files: ['k8s/kind-values.yaml'], ciFile: 'kind-values.yaml' };

/** Every way of installing that the checks cover. */
export const VALUE_SETS: readonly ValueSet[] = [
  DEFAULT_VALUES,
  DSN_VALUES,
  EXISTING_SECRET_VALUES,
  LARGEST_VALUES,
  { name: 'Spotlight off', set: { 'spotlight.enabled': 'false' }, ciFile: 'spotlight-off-values.yaml' },
  KIND_VALUES,
  {
    name: 'the panel with a browser DSN, a Sentry organisation and an Ingress',
    set: {
      'web.sentryDsn': 'https://public0123@o4509999.ingest.sentry.io/4510000',
      'web.sentryOrgUrl': 'https://my-org.sentry.io',
      'web.gatewayUrl': 'http://trace-arcade.localhost',
      'web.spotlightUrl': 'http://spotlight.trace-arcade.localhost',
      'gateway.corsOrigins': '{http://panel.trace-arcade.localhost}',
      'ingress.enabled': 'true',
    },
    ciFile: 'panel-ingress-values.yaml',
  },
  {
    name: 'scenario defaults, no network policies, no seed',
    set: {
      'scenarios.defaults.n-plus-one': 'fixed',
      'scenarios.defaults.cpu-rng': 'slow',
      'networkPolicies.enabled': 'false',
      'seed.enabled': 'false',
      'tracing.sampleRate': '0.25',
      'tracing.profileSessionSampleRate': '0.5',
      'tracing.eventLoopBlockMs': '0',
      'tracing.heapProfileMb': '0',
    },
    ciFile: 'scenario-defaults-values.yaml',
  },
  {
    name: 'a private registry with pinned images, an OTLP endpoint with headers, no PodDisruptionBudgets',
    set: {
      'imagePullSecrets[0].name': 'my-registry',
      'gateway.image.registry': 'registry.example.com/team',
      'gateway.image.tag': '1.2.3',
      'gateway.image.digest': `sha256:${'0123456789abcdef'.repeat(4)}`,
      'postgresql.image.digest': `sha256:${'0123456789abcdef'.repeat(4)}`,
      'otlp.endpoint': 'https://otlp.example.com:4318',
      'otlp.protocol': 'http/protobuf',
      'otlp.headersSecret.name': 'my-otlp',
      'otlp.headersSecret.key': 'headers',
      'podDisruptionBudget.enabled': 'false',
    },
    ciFile: 'registry-otlp-values.yaml',
  },
];

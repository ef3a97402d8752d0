import type { MetricAlertRule, SignalKind } from '@trace-arcade/trace-detectors';

/** One entry of the gateway's `GET /scenarios`, as the panel uses it (packages/scenarios declares it). */
export interface CatalogScenario {
  name: string;
  services: string[];
  title: string;
  teaches: string;
  defaultMode: string;
  operation: string;
  variables: Record<string, unknown>;
  /** Each mode's own operation and variables, read through `operationFor` (some twins are two operations). */
  operations?: Record<string, { operation: string; variables: Record<string, unknown> }>;
  docs: string;
  code: string[];
  modes: string[];
  /** What Sentry shows for the slow twin: the kinds of finding, the metric alerts, and where to look. */
  sentry: { signals: SignalKind[]; alerts: MetricAlertRule[]; where: string };
  /** The requests of one run (a unit of work); one request when absent. */
  unit?: { requests: number; concurrency: number };
}

const SIGNAL_KINDS: readonly string[] = ['performance-issue', 'blocked-event-loop', 'error', 'metric'];

function isAlert(value: unknown): boolean {
  const alert = value as Partial<MetricAlertRule> | null;
  return (
    typeof alert?.metric === 'string' &&
    (alert.aggregate === 'max' || alert.aggregate === 'p95' || alert.aggregate === 'growth') &&
    typeof alert.above === 'number' &&
    typeof alert.unit === 'string' &&
    typeof alert.where === 'string'
  );
}

function isSentryShows(value: unknown): boolean {
  const shows = value as Partial<CatalogScenario['sentry']> | null;
  return (
    Array.isArray(shows?.signals) &&
    shows.signals.every((kind) => SIGNAL_KINDS.includes(kind)) &&
    Array.isArray(shows.alerts) &&
    shows.alerts.every(isAlert) &&
    typeof shows.where === 'string'
  );
}

function isUnit(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'object' || value === null || !('requests' in value) || !('concurrency' in value)) return false;
  const { requests, concurrency } = value;
  return Number.isInteger(requests) && Number(requests) >= 1 && Number.isInteger(concurrency) && Number(concurrency) >= 1;
}

function isOperations(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every((entry: { operation?: unknown; variables?: unknown } | null) => {
    return typeof entry?.operation === 'string' && typeof entry.variables === 'object' && entry.variables !== null;
  });
}

function isCatalogScenario(value: unknown): value is CatalogScenario {
  const entry = value as Partial<CatalogScenario> | null;
  return (
    typeof entry?.name === 'string' &&
    typeof entry.title === 'string' &&
    typeof entry.teaches === 'string' &&
    typeof entry.operation === 'string' &&
    typeof entry.docs === 'string' &&
    Array.isArray(entry.services) &&
    Array.isArray(entry.code) &&
    Array.isArray(entry.modes) &&
    typeof entry.variables === 'object' &&
    isOperations(entry.operations) &&
    isSentryShows(entry.sentry) &&
    isUnit(entry.unit)
  );
}

/** Fetches the catalog; every card of the panel is generated from it. */
export async function fetchCatalog(gatewayUrl: string, signal?: AbortSignal): Promise<CatalogScenario[]> {
  const response = await fetch(`${gatewayUrl}/scenarios`, { signal });
  if (!response.ok) throw new Error(`GET ${gatewayUrl}/scenarios answered HTTP ${response.status}`);
  const body = (await response.json()) as { scenarios?: unknown };
  if (!Array.isArray(body.scenarios) || !body.scenarios.every(isCatalogScenario)) {
    throw new Error(`GET ${gatewayUrl}/scenarios did not return a scenario catalog`);
  }
  return body.scenarios;
}

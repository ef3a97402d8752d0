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
    isOperations(entry.operations)
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

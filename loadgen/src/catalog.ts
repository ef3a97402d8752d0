import { z } from 'zod';

/** One scenario of the gateway's `GET /scenarios`, as far as the load generator needs it. */
export interface CatalogScenario {
  name: string;
  modes: readonly string[];
  /** The GraphQL document that demonstrates the scenario. */
  operation: string;
  variables: Record<string, unknown>;
  /** Each mode's own operation and variables (read through `operationFor`); absent from an older gateway. */
  operations?: Record<string, { operation: string; variables: Record<string, unknown> }>;
}

const operation = z.object({ operation: z.string().min(1), variables: z.record(z.string(), z.unknown()).default({}) });

const catalogResponse = z.object({
  scenarios: z
    .array(
      z.object({
        name: z.string().min(1),
        modes: z.array(z.string()).min(1),
        operation: z.string().min(1),
        variables: z.record(z.string(), z.unknown()).default({}),
        operations: z.record(z.string(), operation).optional(),
      }),
    )
    .min(1),
});

/** Reads the scenario catalog that the gateway serves. */
export async function fetchCatalog(gatewayUrl: string): Promise<CatalogScenario[]> {
  const url = `${gatewayUrl}/scenarios`;
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`GET ${url}: expected 200; got ${response.status}`);
  const parsed = catalogResponse.safeParse(await response.json());
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new Error(`GET ${url}: expected { scenarios: [{ name, modes, operation, variables }] }; ${problems.join('; ')}`);
  }
  return parsed.data.scenarios;
}

/** The scenarios named in LOAD_SCENARIOS, or all of them; an unknown name is an error that lists the known ones. */
export function selectScenarios(catalog: readonly CatalogScenario[], names: readonly string[] | undefined): CatalogScenario[] {
  if (names === undefined || names.length === 0) return [...catalog];
  return names.map((name) => {
    const scenario = catalog.find((candidate) => candidate.name === name);
    if (!scenario) {
      throw new Error(
        `LOAD_SCENARIOS: expected names from the gateway's catalog (${catalog.map((s) => s.name).join(', ')}); got "${name}"`,
      );
    }
    return scenario;
  });
}

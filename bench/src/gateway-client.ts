import { performance } from 'node:perf_hooks';
import { parsePerfExtension, type PerfExtension } from '@trace-arcade/service-runtime';

export interface Measured {
  ms: number;
  perf: PerfExtension;
}

/**
 * Sends one operation through the gateway and returns its wall time and `extensions.perf`. An
 * answer with errors throws, unless every error carries `expectedError`, the code the demo answers
 * with by design (`expectedErrorCode`: infinite-loop's slow walk, stopped by its guard).
 */
export async function measure(
  gatewayUrl: string,
  operation: string,
  variables: unknown,
  scenarios: string,
  expectedError?: string,
): Promise<Measured> {
  const started = performance.now();
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-scenarios': scenarios },
    body: JSON.stringify({ query: operation, variables }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[]; extensions?: { perf?: unknown } };
  const ms = performance.now() - started;
  const unexpected = body.errors?.filter((error) => expectedError === undefined || error.extensions?.code !== expectedError) ?? [];
  if (unexpected.length > 0) throw new Error(`${scenarios}: ${JSON.stringify(body.errors)}`);
  if (expectedError !== undefined && body.errors === undefined)
    throw new Error(`${scenarios}: expected the error ${expectedError}; got an answer without errors`);
  return { ms, perf: parsePerfExtension(body.extensions?.perf) };
}

export function totals(perf: Measured['perf']) {
  const costs = Object.values(perf.subgraphs);
  return {
    sqlStatements: costs.reduce((sum, cost) => sum + cost.sqlStatements, 0),
    sqlMs: costs.reduce((sum, cost) => sum + cost.sqlMs, 0),
    mongoCommands: costs.reduce((sum, cost) => sum + cost.mongoCommands, 0),
    mongoMs: costs.reduce((sum, cost) => sum + cost.mongoMs, 0),
    httpCalls: costs.reduce((sum, cost) => sum + cost.httpCalls, 0),
    eventLoopMaxMs: Math.max(0, ...costs.map((cost) => cost.eventLoopDelay?.maxMs ?? 0)),
  };
}

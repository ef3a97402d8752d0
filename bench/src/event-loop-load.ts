/**
 * A scenario under concurrent load (cpu-rng unless `scenario` says otherwise): `clients` loops
 * send the scenario's operation while one more loop sends a cheap query to the same service
 * (`bystander`, the game catalog by default) and times it, so the table shows how one request's
 * blocking work stalls everyone else's.
 */
import { performance } from 'node:perf_hooks';
import { isolatedSelection, SCENARIO_NAMES } from '@trace-arcade/scenarios';
import { measure, totals } from './gateway-client.js';
import { percentile, round } from './stats.js';

export interface LoadResult {
  mode: string;
  requests: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  bystanderP50Ms: number;
  bystanderP99Ms: number;
}

export async function eventLoopUnderLoad(
  gatewayUrl: string,
  operation: string,
  variables: unknown,
  mode: 'slow' | 'fixed',
  options: { clients: number; requestsPerClient: number; scenario?: string; bystander?: string },
): Promise<LoadResult> {
  const { scenario = 'cpu-rng', bystander: bystanderQuery = '{ games { id } }' } = options;
  const delays: number[] = [];
  const bystander: number[] = [];
  let running = true;
  const bystanderLoop = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-scenarios': isolatedSelection(scenario, mode, SCENARIO_NAMES) },
        body: JSON.stringify({ query: bystanderQuery }),
      }).then((response) => response.json());
      bystander.push(performance.now() - started);
    }
  })();
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      for (let i = 0; i < options.requestsPerClient; i++) {
        const { perf } = await measure(gatewayUrl, operation, variables, isolatedSelection(scenario, mode, SCENARIO_NAMES));
        delays.push(totals(perf).eventLoopMaxMs);
      }
    }),
  );
  running = false;
  await bystanderLoop;
  return {
    mode,
    requests: delays.length,
    eventLoopDelayP99Ms: round(percentile(delays, 99)),
    eventLoopDelayMaxMs: round(Math.max(...delays)),
    bystanderP50Ms: round(percentile(bystander, 50)),
    bystanderP99Ms: round(percentile(bystander, 99)),
  };
}

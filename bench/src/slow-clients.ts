/**
 * Clients that hammer the slow variants: each sends a scenario's slow operation, waits for the
 * answer, and sends the next one at once (closed loop). After SLOW_VARIANT_BUSY a client waits
 * `busyBackoffMs` before trying again, as the error asks. Used by `npm run reliability:load` and
 * `npm run bench:slow-flood`.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { operationFor, SCENARIO_HEADER, type OperationSource } from '@trace-arcade/scenarios';

export interface SlowOutcome {
  scenario: string;
  ms: number;
  /** `ok`, an error code (`SLOW_VARIANT_BUSY`, ...) or what went wrong. */
  outcome: string;
}

export type SlowScenario = OperationSource & { name: string };

/** One slow-variant request; its outcome is `ok` or the first error's code. */
export async function sendSlow(gatewayUrl: string, scenario: SlowScenario, timeoutMs: number): Promise<SlowOutcome> {
  const started = performance.now();
  let outcome: string;
  const { operation, variables } = operationFor(scenario, 'slow');
  try {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SCENARIO_HEADER]: `${scenario.name}=slow` },
      body: JSON.stringify({ query: operation, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { errors?: { message?: string; extensions?: { code?: string } }[] } | null;
    const first = body?.errors?.[0];
    outcome = first ? (first.extensions?.code ?? String(first.message)) : response.ok ? 'ok' : `HTTP ${response.status}`;
  } catch (error) {
    outcome = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
  }
  return { scenario: scenario.name, ms: performance.now() - started, outcome };
}

/** `clients` closed loops over `scenarios`' slow variants (each client takes the next in turn) until `signal` aborts. */
export async function runSlowClients(
  gatewayUrl: string,
  scenarios: readonly SlowScenario[],
  options: { clients: number; busyBackoffMs: number; timeoutMs: number; signal: AbortSignal },
): Promise<SlowOutcome[]> {
  const outcomes: SlowOutcome[] = [];
  let turn = 0;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (!options.signal.aborted) {
        const result = await sendSlow(gatewayUrl, scenarios[turn++ % scenarios.length]!, options.timeoutMs);
        outcomes.push(result);
        if (result.outcome === 'SLOW_VARIANT_BUSY') {
          await sleep(options.busyBackoffMs, undefined, { signal: options.signal }).catch(() => undefined);
        }
      }
    }),
  );
  return outcomes;
}

/** How many outcomes of each kind (`ok`, `SLOW_VARIANT_BUSY`, other codes). */
export function countOutcomes(outcomes: readonly SlowOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome } of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

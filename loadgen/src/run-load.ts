import { setTimeout as sleep } from 'node:timers/promises';
import { expectedErrorCode, isolatedSelection, operationFor, SCENARIO_HEADER } from '@trace-arcade/scenarios';
import type { Pick } from './mix.js';
import type { LoadStats, Sample } from './stats.js';

export interface LoadPlan {
  gatewayUrl: string;
  ratePerSecond: number;
  durationMs: number;
  maxRequests: number;
  /** A request that takes longer counts as an error. */
  requestTimeoutMs: number;
  /** Every scenario of the catalog: those a request does not run are sent fixed. */
  scenarioNames: readonly string[];
}

/**
 * Sends requests through the gateway on a fixed schedule (open loop: a slow answer does not slow
 * the schedule down, as with real users), until the duration or the request count runs out or
 * `signal` aborts, then waits for the requests still in flight. Each request carries its scenario
 * and mode in the x-scenarios header, with every other scenario fixed.
 */
export async function runLoad(plan: LoadPlan, next: () => Pick, stats: LoadStats, signal?: AbortSignal): Promise<void> {
  const intervalMs = 1000 / plan.ratePerSecond;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let index = 0; index < plan.maxRequests; index++) {
    const dueMs = index * intervalMs;
    if (dueMs >= plan.durationMs) break;
    const waitMs = started + dueMs - performance.now();
    if (waitMs > 0) await sleep(waitMs, undefined, { signal }).catch(() => undefined);
    if (signal?.aborted) break;
    const request: Promise<void> = send(plan, next()).then((sample) => {
      stats.record(sample);
      inFlight.delete(request);
    });
    inFlight.add(request);
  }
  await Promise.all(inFlight);
}

/**
 * One GraphQL request; it succeeds with HTTP 200 and a body without `errors`, or with only the error
 * its demo answers by design (EXPECTED_ERRORS: infinite-loop's slow walk stopped by its guard); it
 * is refused, not failed, when the service answers SLOW_VARIANT_BUSY.
 */
async function send(plan: LoadPlan, pick: Pick): Promise<Sample> {
  const { scenario, mode } = pick;
  const { operation, variables } = operationFor(scenario, mode);
  const started = performance.now();
  const sample = (error?: string, refused?: true): Sample => ({
    scenario: scenario.name,
    mode,
    ms: performance.now() - started,
    ...(error ? { error } : {}),
    ...(refused ? { refused } : {}),
  });
  try {
    const response = await fetch(`${plan.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SCENARIO_HEADER]: isolatedSelection(scenario.name, mode, plan.scenarioNames) },
      body: JSON.stringify({ query: operation, variables }),
      signal: AbortSignal.timeout(plan.requestTimeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | null;
    if (!response.ok) return sample(`HTTP ${response.status}${body?.errors?.[0] ? `: ${String(body.errors[0].message)}` : ''}`);
    if (body === null) return sample('the answer is not JSON');
    const expected = expectedErrorCode(scenario.name, mode);
    const unexpected = body.errors?.filter((error) => expected === undefined || error.extensions?.code !== expected) ?? [];
    // The service refuses a slow variant while its budget is in use (another unit of work holds it): by design.
    if (unexpected.length > 0 && unexpected.every((error) => error.extensions?.code === 'SLOW_VARIANT_BUSY'))
      return sample(undefined, true);
    if (unexpected.length > 0) return sample(`GraphQL error: ${String(unexpected[0]?.message)}`);
    return sample();
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${plan.requestTimeoutMs} ms` : (error as Error).message;
    return sample(reason);
  }
}

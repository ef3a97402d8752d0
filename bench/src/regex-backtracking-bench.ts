/**
 * regex-backtracking under concurrent load: 2 clients send the catalog's crafted display name,
 * slow then fixed, while a bystander loop times a cheap query to the same service (one player
 * from users), so the table shows how one request's backtracking stalls everyone else's. The
 * event-loop delay is what users reports in extensions.perf: p99 over the requests of each
 * request's largest delay.
 */
import { SCENARIOS } from '@trace-arcade/scenarios';
import { eventLoopUnderLoad, type LoadResult } from './event-loop-load.js';

const BYSTANDER = '{ player(id: "1") { id displayName } }';

/**
 * Clients at once. Each slow request blocks users about 1 s on a quiet 2-core machine, and the
 * requests queue behind each other: 2 keep the last one's wait (and the bystander's) well inside
 * the gateway's USERS_TIMEOUT_MS (10 s) even when the machine is 3x slower, where 4 did not
 * (4.5 s per request at a load average of 28: SUBGRAPH_TIMEOUT). Under users'
 * SLOW_VARIANT_CONCURRENCY (4), so none is refused.
 */
const CLIENTS = 2;
const SLOW_REQUESTS_PER_CLIENT = 3;
const FIXED_REQUESTS_PER_CLIENT = 50;

export async function regexBacktrackingUnderLoad(gatewayUrl: string): Promise<LoadResult[]> {
  const scenario = SCENARIOS.find((candidate) => candidate.name === 'regex-backtracking')!;
  const run = (mode: 'slow' | 'fixed', requestsPerClient: number) =>
    eventLoopUnderLoad(gatewayUrl, scenario.operation, scenario.variables, mode, {
      clients: CLIENTS,
      requestsPerClient,
      scenario: scenario.name,
      bystander: BYSTANDER,
    });
  return [await run('slow', SLOW_REQUESTS_PER_CLIENT), await run('fixed', FIXED_REQUESTS_PER_CLIENT)];
}

export const REGEX_BACKTRACKING_LOAD_DESCRIPTION = `regex-backtracking under load: ${CLIENTS} clients x ${SLOW_REQUESTS_PER_CLIENT} requests slow, x ${FIXED_REQUESTS_PER_CLIENT} fixed, with a bystander users query timed throughout`;

/** The table run-bench prints. */
export function regexBacktrackingTable(results: LoadResult[]): string {
  const lines = ['regex-backtracking under load  requests  event-loop p99 ms  max ms  bystander p50 ms  p99 ms'];
  for (const result of results) {
    lines.push(
      `${result.mode.padEnd(29)} ${String(result.requests).padStart(8)} ${String(result.eventLoopDelayP99Ms).padStart(18)} ${String(result.eventLoopDelayMaxMs).padStart(7)} ${String(result.bystanderP50Ms).padStart(17)} ${String(result.bystanderP99Ms).padStart(7)}`,
    );
  }
  return lines.join('\n');
}

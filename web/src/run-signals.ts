import type { PanelServices } from './panel-context.js';
import type { RunOutcome } from './run-scenario.js';
import type { TraceWaitResult } from '@trace-arcade/trace-detectors';

/**
 * Waits until a run's trace has reached Spotlight: a transaction per request from the gateway and
 * from every subgraph it called, then the trace metrics named in `metrics` (or their wait passes).
 */
export function waitForRun(spotlight: PanelServices['spotlight'], run: RunOutcome, metrics: readonly string[]): Promise<TraceWaitResult> {
  if (!run.traceId) return Promise.resolve({ status: 'unavailable', reason: 'the gateway reported no trace id for this run' });
  return spotlight.waitForTrace({
    traceId: run.traceId,
    services: ['gateway', ...Object.keys(run.subgraphs)],
    requests: run.requests,
    metrics,
  });
}

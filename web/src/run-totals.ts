import type { RunOutcome } from './run-scenario.js';

/** A run's cost over every subgraph: what the compare view sets side by side. */
export interface RunTotals {
  sqlStatements: number;
  mongoCommands: number;
  httpCalls: number;
  eventLoopDelayMaxMs: number | null;
}

export function runTotals(run: RunOutcome): RunTotals {
  const costs = Object.values(run.subgraphs);
  const delays = costs.flatMap((cost) => (cost.eventLoopDelay ? [cost.eventLoopDelay.maxMs] : []));
  return {
    sqlStatements: costs.reduce((sum, cost) => sum + cost.sqlStatements, 0),
    mongoCommands: costs.reduce((sum, cost) => sum + cost.mongoCommands, 0),
    httpCalls: costs.reduce((sum, cost) => sum + cost.httpCalls, 0),
    eventLoopDelayMaxMs: delays.length > 0 ? Math.max(...delays) : null,
  };
}

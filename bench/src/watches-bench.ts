/**
 * `npm run bench:watches`: what the blocked-event-loop watch, the sampling heap profiler and the
 * trace-connected metrics cost on the fixed paths, every request traced. Each row (watches-settings.ts), in each pass (forward, then
 * backward), starts the whole stack afresh on freshly seeded databases with SENTRY_DSN pointing at a
 * local endpoint that counts the envelope items and drops them; `clients` closed loops then send
 * every scenario's fixed variant in turn, through the gateway (tracing-cost-rows.ts). Prints a table
 * and writes bench/results-watches.json. Loopback only.
 */
import { startItemCountingSink } from './item-counting-sink.js';
import { costRows, runTracingCostBench } from './tracing-cost-rows.js';
import { WATCHES_ROWS, watchesEnvironment, watchesSettings } from './watches-settings.js';

const exitCode = await runTracingCostBench({
  name: 'watches',
  rows: WATCHES_ROWS,
  settings: watchesSettings(),
  startSink: startItemCountingSink,
  environment: watchesEnvironment,
  operationOf: (scenario) => scenario,
  describeItems: (items) => `${items.transactions} transactions`,
  // Throughput and CPU against the first row: none of the watches.
  results: (pooled) => costRows(pooled, () => ({})),
  printTable: (results) => {
    console.log(
      '\nrow                 req/s  (per pass)       vs first  p50 ms  p99 ms  CPU ms/req all (vs first)  gateway  game  requests  errors',
    );
    for (const r of results) {
      console.log(
        `${r.label.padEnd(18)} ${String(r.requestsPerSecond).padStart(6)}  ${`(${r.requestsPerSecondByPass.join(', ')})`.padEnd(16)} ${`${(r.relativeThroughput * 100).toFixed(1)} %`.padStart(8)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${`${r.cpuMsPerRequest.allServices} (${(r.relativeCpuPerRequest * 100).toFixed(1)} %)`.padStart(28)} ${String(r.cpuMsPerRequest.gateway).padStart(8)} ${String(r.cpuMsPerRequest.game).padStart(5)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)}`,
      );
    }
  },
});
process.exit(exitCode);

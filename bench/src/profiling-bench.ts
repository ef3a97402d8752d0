/**
 * `npm run bench:profiling`: what CPU profiling costs on top of tracing, on the fixed paths. Each
 * row (profiling-settings.ts), in each pass (forward, then backward), starts the whole stack afresh
 * on freshly seeded databases with SENTRY_DSN pointing at a local endpoint that counts the
 * envelope items and drops them; `clients` closed loops then send every scenario's fixed variant in
 * turn, through the gateway, without trace headers (tracing-cost-rows.ts). Prints a table and writes
 * bench/results-profiling.json. Loopback only.
 */
import { startItemCountingSink } from './item-counting-sink.js';
import { PROFILING_ROWS, profilingEnvironment, profilingSettings } from './profiling-settings.js';
import { round } from './stats.js';
import { costRows, runTracingCostBench } from './tracing-cost-rows.js';

const settings = profilingSettings();
const exitCode = await runTracingCostBench({
  name: 'profiling',
  rows: PROFILING_ROWS,
  settings,
  startSink: startItemCountingSink,
  environment: profilingEnvironment,
  // The scenario's own operation, whatever the fixed variant's would be: what this benchmark has always sent.
  operationOf: (scenario) => scenario,
  describeItems: (items) => `${items.transactions} transactions, ${items.profileChunks} profile chunks`,
  // Throughput and CPU against the first row: the same tracing without profiles.
  results: (pooled) =>
    costRows(pooled, ({ items, summary }) => ({
      transactionsPerRequest: round(items.transactions / summary.requests, 2),
      profileChunksPerRequest: round(items.profileChunks / summary.requests, 3),
    })),
  printTable: (results) => {
    console.log(
      '\nrow                       req/s  (per pass)       vs first  p50 ms  p99 ms  CPU ms/req all (vs first)  game  chunks/req  requests  errors',
    );
    for (const r of results) {
      console.log(
        `${r.label.padEnd(24)} ${String(r.requestsPerSecond).padStart(6)}  ${`(${r.requestsPerSecondByPass.join(', ')})`.padEnd(16)} ${`${(r.relativeThroughput * 100).toFixed(1)} %`.padStart(8)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${`${r.cpuMsPerRequest.allServices} (${(r.relativeCpuPerRequest * 100).toFixed(1)} %)`.padStart(28)} ${String(r.cpuMsPerRequest.game).padStart(5)} ${String(r.profileChunksPerRequest).padStart(11)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)}`,
      );
    }
  },
});
process.exit(exitCode);

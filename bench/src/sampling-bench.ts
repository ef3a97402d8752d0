/**
 * `npm run bench:sampling`: what tracing costs the load generator's kind of traffic (requests
 * without trace headers) at sample rates 1, 0.1 and 0, against a baseline without DSN, in one run.
 * Each row, in each pass (forward, then backward), starts the whole stack afresh on freshly seeded
 * databases, with SENTRY_DSN pointing at a local endpoint that drops the envelopes; `clients`
 * closed loops then send every scenario's fixed variant in turn, through the gateway (tracing-cost-rows.ts).
 * Prints a table and writes bench/results-sampling.json.
 * Loopback only: databases, services and the envelope sink all listen on 127.0.0.1.
 */
import { operationFor } from '@trace-arcade/scenarios';
import { startDiscardingEnvelopeSink } from './envelope-sink.js';
import { SAMPLING_ROWS, samplingSettings, tracingEnvironment } from './sampling-settings.js';
import { round } from './stats.js';
import { cpuMsPerRequest, runTracingCostBench } from './tracing-cost-rows.js';

const settings = samplingSettings();
const exitCode = await runTracingCostBench({
  name: 'sampling',
  rows: SAMPLING_ROWS,
  settings,
  startSink: async () => {
    const sink = await startDiscardingEnvelopeSink();
    return { dsn: sink.dsn, counts: () => ({ envelopes: sink.envelopes() }), stop: sink.stop };
  },
  environment: tracingEnvironment,
  operationOf: (scenario) => operationFor(scenario, 'fixed'),
  describeItems: ({ envelopes }) => `${envelopes} envelopes`,
  results: (pooled) => {
    const rows = pooled.map(({ row, summary, requestsPerSecondByPass, items, cpuSeconds }) => ({
      label: row.label,
      sampleRate: row.sampleRate,
      ...summary,
      requestsPerSecondByPass,
      /** Envelopes the services sent during the measured time (one per transaction). */
      envelopes: items.envelopes,
      envelopesPerRequest: round(items.envelopes / summary.requests, 2),
      /** CPU the services spent per request (Linux only; empty elsewhere): the gateway's, the three subgraphs' together, and all services'. */
      cpuMsPerRequest: cpuMsPerRequest(cpuSeconds, summary.requests, {
        gateway: (folder) => folder === 'gateway',
        subgraphs: (folder) => folder.startsWith('subgraphs/'),
        allServices: () => true,
      }),
    }));
    const baseline = rows[0]!.requestsPerSecond;
    /** relativeThroughput: throughput against the baseline row. */
    return rows.map((row) => ({ ...row, relativeThroughput: round(row.requestsPerSecond / baseline, 2) }));
  },
  printTable: (results) => {
    console.log(
      '\nrow                 req/s  (per pass)     vs baseline   p50 ms   p99 ms  CPU ms/req gateway  all services  requests  errors  envelopes/req',
    );
    for (const r of results) {
      console.log(
        `${r.label.padEnd(18)} ${String(r.requestsPerSecond).padStart(6)}  ${`(${r.requestsPerSecondByPass.join(', ')})`.padEnd(14)} ${`${Math.round(r.relativeThroughput * 100)} %`.padStart(11)} ${String(r.p50Ms).padStart(8)} ${String(r.p99Ms).padStart(8)} ${String(r.cpuMsPerRequest.gateway).padStart(19)} ${String(r.cpuMsPerRequest.allServices).padStart(13)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)} ${String(r.envelopesPerRequest).padStart(14)}`,
      );
    }
  },
});
process.exit(exitCode);

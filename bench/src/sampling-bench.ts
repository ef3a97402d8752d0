/**
 * `npm run bench:sampling`: what tracing costs the load generator's kind of traffic (requests
 * without trace headers) at sample rates 1, 0.1 and 0, against a baseline without DSN, in one run.
 * Each row, in each pass (forward, then backward), starts the whole stack afresh on freshly seeded
 * databases, with SENTRY_DSN pointing at a local endpoint that drops the envelopes; `clients`
 * closed loops then send every scenario's fixed variant in turn, through the gateway. Prints a table and writes bench/results-sampling.json.
 * Loopback only: databases, services and the envelope sink all listen on 127.0.0.1.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { operationFor, SCENARIO_HEADER, SCENARIOS } from '@trace-arcade/scenarios';
import { REPO_ROOT } from '@trace-arcade/stack';
import { startBenchServers, type BenchServers } from './bench-stack.js';
import { runClosedLoop, summarizeClosedLoop, type ClosedLoopResult, type ClosedLoopSummary } from './closed-loop.js';
import { startDiscardingEnvelopeSink } from './envelope-sink.js';
import { loadAverage1m, machineDescription } from './machine.js';
import { childCpuSeconds, cpuSpent } from './process-cpu.js';
import { ALL_FIXED, SAMPLING_ROWS, samplingSchedule, samplingSettings, tracingEnvironment, type SamplingRow } from './sampling-settings.js';
import { round } from './stats.js';

/** Small on purpose: the rows measure tracing's cost, not the database's; each row seeds its own copy. */
const DATA_SET = { players: 200, rounds: 10_000 };
/** The payment provider's deliberate delay, kept short so that CPU, where tracing costs, bounds throughput. */
const PAYMENT_LATENCY_MS = 20;
/** Time for the envelopes of the last requests of a row to reach the sink before they are counted. */
const ENVELOPE_SETTLE_MS = 1000;

const say = (line: string) => console.log(`[bench:sampling] ${line}`);

interface RowResult extends ClosedLoopSummary {
  label: string;
  sampleRate: number | null;
  /** Each pass's throughput on its own, to show how far two runs of the same row differ. */
  requestsPerSecondByPass: number[];
  /** Envelopes the services sent during the measured time (one per transaction). */
  envelopes: number;
  envelopesPerRequest: number;
  /** Throughput against the baseline row. */
  relativeThroughput: number;
  /** CPU the services spent per request (Linux only; empty elsewhere): steadier than throughput on a busy machine. */
  cpuMsPerRequest: ReturnType<typeof cpuMsPerRequest>;
}

interface Measured {
  result: ClosedLoopResult;
  envelopes: number;
  /** CPU seconds each service process spent during the measured time, keyed by its folder. */
  cpuSeconds: Map<string, number>;
}

/** CPU milliseconds per successful request: the gateway's, the three subgraphs' together, and all services'. */
function cpuMsPerRequest(cpuSeconds: Map<string, number>, requests: number) {
  const sum = (keep: (folder: string) => boolean) =>
    [...cpuSeconds].filter(([folder]) => keep(folder)).reduce((total, [, seconds]) => total + seconds, 0);
  const perRequest = (seconds: number) => round((seconds * 1000) / requests, 2);
  return {
    gateway: perRequest(sum((folder) => folder === 'gateway')),
    subgraphs: perRequest(sum((folder) => folder.startsWith('subgraphs/'))),
    allServices: perRequest(sum(() => true)),
  };
}

/** The Node binary the services run on, as /proc shows it. */
const NODE = realpathSync(process.execPath);

/** One GraphQL request as the load generator sends it: no trace headers, the variant in x-scenarios. */
function sender(gatewayUrl: string) {
  let turn = 0;
  return () => {
    const scenario = SCENARIOS[turn++ % SCENARIOS.length]!;
    const { operation, variables } = operationFor(scenario, 'fixed');
    return {
      name: scenario.name,
      send: async () => {
        const response = await fetch(`${gatewayUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SCENARIO_HEADER]: ALL_FIXED },
          body: JSON.stringify({ query: operation, variables }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json()) as { errors?: { message: string }[] };
        if (!response.ok || body.errors) throw new Error(`${scenario.name}: HTTP ${response.status} ${JSON.stringify(body.errors ?? '')}`);
      },
    };
  };
}

/** What every row shares: the database servers and the envelope sink. */
interface Infrastructure {
  servers: BenchServers;
  sink: Awaited<ReturnType<typeof startDiscardingEnvelopeSink>>;
}

const settings = samplingSettings();
const lines: string[] = [];
const log = (name: string, line: string) => lines.push(`[${name}] ${line}`);
const runStarted = performance.now();
/** Other work on the machine skews every row; the 1-minute load average before and after says how much there was. */
const loadBefore = loadAverage1m();
let exitCode = 0;
let servers: BenchServers | undefined;
let sink: Infrastructure['sink'] | undefined;
try {
  servers = await startBenchServers('bench-sampling', say, log);
  sink = await startDiscardingEnvelopeSink();
  const infrastructure: Infrastructure = { servers, sink };
  say(
    `${settings.passes} passes x ${SAMPLING_ROWS.length} rows x (${settings.warmUpSeconds} s warm-up + ${settings.seconds} s), ${settings.clients} clients, ` +
      `MongoDB ${servers.mongoSource}, ${DATA_SET.players} players and ${DATA_SET.rounds} rounds per row`,
  );
  const measured = new Map<SamplingRow, Measured[]>(SAMPLING_ROWS.map((row) => [row, []]));
  for (const [index, { row, pass }] of samplingSchedule(SAMPLING_ROWS, settings.passes).entries()) {
    const run = await measureRow(infrastructure, row, index);
    measured.get(row)!.push(run);
    const summary = summarizeClosedLoop(run.result);
    const cpu = cpuMsPerRequest(run.cpuSeconds, summary.requests);
    say(
      `pass ${pass + 1}, ${row.label}: ${summary.requestsPerSecond} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, ` +
        `CPU per request ${cpu.gateway} ms gateway, ${cpu.allServices} ms all services, ${run.envelopes} envelopes`,
    );
  }
  // Each row's passes pooled: all its requests over all its measured time.
  const pooled = SAMPLING_ROWS.map((row) => {
    const runs = measured.get(row)!;
    const summary = summarizeClosedLoop({
      samples: runs.flatMap((run) => run.result.samples),
      elapsedMs: runs.reduce((sum, run) => sum + run.result.elapsedMs, 0),
    });
    const envelopes = runs.reduce((sum, run) => sum + run.envelopes, 0);
    const cpuSeconds = new Map<string, number>();
    for (const run of runs) for (const [folder, seconds] of run.cpuSeconds) cpuSeconds.set(folder, (cpuSeconds.get(folder) ?? 0) + seconds);
    return {
      label: row.label,
      sampleRate: row.sampleRate,
      ...summary,
      requestsPerSecondByPass: runs.map((run) => summarizeClosedLoop(run.result).requestsPerSecond),
      envelopes,
      envelopesPerRequest: round(envelopes / summary.requests, 2),
      cpuMsPerRequest: cpuMsPerRequest(cpuSeconds, summary.requests),
    };
  });
  const baseline = pooled[0]!.requestsPerSecond;
  const results: RowResult[] = pooled.map((row) => ({ ...row, relativeThroughput: round(row.requestsPerSecond / baseline, 2) }));

  console.log(
    '\nrow                 req/s  (per pass)     vs baseline   p50 ms   p99 ms  CPU ms/req gateway  all services  requests  errors  envelopes/req',
  );
  for (const r of results) {
    console.log(
      `${r.label.padEnd(18)} ${String(r.requestsPerSecond).padStart(6)}  ${`(${r.requestsPerSecondByPass.join(', ')})`.padEnd(14)} ${`${Math.round(r.relativeThroughput * 100)} %`.padStart(11)} ${String(r.p50Ms).padStart(8)} ${String(r.p99Ms).padStart(8)} ${String(r.cpuMsPerRequest.gateway).padStart(19)} ${String(r.cpuMsPerRequest.allServices).padStart(13)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)} ${String(r.envelopesPerRequest).padStart(14)}`,
    );
  }
  const report = {
    date: new Date().toISOString(),
    machine: { ...machineDescription(servers.mongoSource), loadAverage1m: { before: loadBefore, after: loadAverage1m() } },
    load: {
      clients: settings.clients,
      seconds: settings.seconds,
      warmUpSeconds: settings.warmUpSeconds,
      passes: settings.passes,
      order: 'rows forward on odd passes, backward on even ones; each row a fresh stack on freshly seeded databases',
      requests: `every scenario's fixed variant in turn (${SCENARIOS.map((s) => s.name).join(', ')}), no trace headers`,
      paymentLatencyMs: PAYMENT_LATENCY_MS,
    },
    dataSet: DATA_SET,
    rows: results,
    runSeconds: round((performance.now() - runStarted) / 1000),
  };
  writeFileSync(path.join(REPO_ROOT, 'bench', 'results-sampling.json'), `${JSON.stringify(report, null, 2)}\n`);
  say(`wrote bench/results-sampling.json (whole run ${report.runSeconds} s)`);
} catch (error) {
  say(`failed: ${(error as Error).message}`);
  console.log(lines.slice(-30).join('\n'));
  exitCode = 1;
} finally {
  await sink?.stop();
  await servers?.stop();
}
process.exit(exitCode);

/** One row: a fresh stack on freshly seeded databases (the same data as every other row) with the row's tracing environment, warmed up, then measured. */
async function measureRow({ servers, sink }: Infrastructure, row: SamplingRow, index: number): Promise<Measured> {
  const databases = await servers.seed(
    { users: `users_sampling_${index}`, game: `game_sampling_${index}`, analytics: `analytics_sampling_${index}` },
    DATA_SET,
  );
  const stack = await servers.startStack(databases, { paymentLatencyMs: PAYMENT_LATENCY_MS, tracing: tracingEnvironment(row, sink.dsn) });
  try {
    const next = sender(stack.gatewayUrl);
    await runClosedLoop({ clients: settings.clients, durationMs: settings.warmUpSeconds * 1000, next });
    await sleep(ENVELOPE_SETTLE_MS);
    const before = { envelopes: sink.envelopes(), cpu: childCpuSeconds(process.pid, NODE, REPO_ROOT) };
    const result = await runClosedLoop({ clients: settings.clients, durationMs: settings.seconds * 1000, next });
    // The settling time counts: sending the last envelopes is part of what tracing costs.
    await sleep(ENVELOPE_SETTLE_MS);
    return {
      result,
      envelopes: sink.envelopes() - before.envelopes,
      cpuSeconds: cpuSpent(before.cpu, childCpuSeconds(process.pid, NODE, REPO_ROOT)),
    };
  } finally {
    await stack.stop();
  }
}

/**
 * `npm run bench:profiling`: what CPU profiling costs on top of tracing, on the fixed paths. Each
 * row (profiling-settings.ts), in each pass (forward, then backward), starts the whole stack afresh
 * on freshly seeded databases with SENTRY_DSN pointing at a local endpoint that counts the
 * envelope items and drops them; `clients` closed loops then send every scenario's fixed variant in
 * turn, through the gateway, without trace headers. Prints a table and writes
 * bench/results-profiling.json. Loopback only.
 */
import { once } from 'node:events';
import { realpathSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { SCENARIO_HEADER, SCENARIOS } from '@trace-arcade/scenarios';
import { REPO_ROOT } from '@trace-arcade/stack';
import { startBenchServers, type BenchServers } from './bench-stack.js';
import { runClosedLoop, summarizeClosedLoop, type ClosedLoopResult } from './closed-loop.js';
import { loadAverage1m, machineDescription } from './machine.js';
import { childCpuSeconds, cpuSpent } from './process-cpu.js';
import { PROFILING_ROWS, profilingEnvironment, profilingSettings, type ProfilingRow } from './profiling-settings.js';
import { ALL_FIXED, samplingSchedule } from './sampling-settings.js';
import { round } from './stats.js';

/** Small on purpose: the rows measure the profiler's cost, not the database's; each row seeds its own copy. */
const DATA_SET = { players: 200, rounds: 10_000 };
/** The payment provider's deliberate delay, kept short so that CPU, where profiling costs, bounds throughput. */
const PAYMENT_LATENCY_MS = 20;
/** Time for the envelopes of the last requests of a row to reach the sink before they are counted. */
const ENVELOPE_SETTLE_MS = 1000;
/** The Node binary the services run on, as /proc shows it. */
const NODE = realpathSync(process.execPath);

const say = (line: string) => console.log(`[bench:profiling] ${line}`);

interface ItemCounts {
  transactions: number;
  profileChunks: number;
}

/** An endpoint that stands where Sentry would, counts the transactions and profile chunks it gets, and drops them. */
async function startCountingEnvelopeSink() {
  const counts: ItemCounts = { transactions: 0, profileChunks: 0 };
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      let body = Buffer.concat(parts);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      // Item headers are lines of their own; a payload line never starts with a `type` key.
      for (const line of body.toString('utf8').split('\n')) {
        if (line.startsWith('{"type":"transaction"')) counts.transactions++;
        else if (line.startsWith('{"type":"profile_chunk"')) counts.profileChunks++;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    dsn: `http://publickey@127.0.0.1:${(server.address() as AddressInfo).port}/1`,
    counts: (): ItemCounts => ({ ...counts }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

type Sink = Awaited<ReturnType<typeof startCountingEnvelopeSink>>;

interface Measured {
  result: ClosedLoopResult;
  items: ItemCounts;
  /** CPU seconds each service process spent during the measured time, keyed by its folder. */
  cpuSeconds: Map<string, number>;
}

/** One GraphQL request as the load generator sends it: no trace headers, every scenario fixed. */
function sender(gatewayUrl: string) {
  let turn = 0;
  return () => {
    const scenario = SCENARIOS[turn++ % SCENARIOS.length]!;
    return {
      name: scenario.name,
      send: async () => {
        const response = await fetch(`${gatewayUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SCENARIO_HEADER]: ALL_FIXED },
          body: JSON.stringify({ query: scenario.operation, variables: scenario.variables }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json()) as { errors?: { message: string }[] };
        if (!response.ok || body.errors) throw new Error(`${scenario.name}: HTTP ${response.status} ${JSON.stringify(body.errors ?? '')}`);
      },
    };
  };
}

/** One row: a fresh stack on freshly seeded databases with the row's rates, warmed up, then measured. */
async function measureRow(servers: BenchServers, sink: Sink, row: ProfilingRow, index: number): Promise<Measured> {
  const databases = await servers.seed(
    { users: `users_profiling_${index}`, game: `game_profiling_${index}`, analytics: `analytics_profiling_${index}` },
    DATA_SET,
  );
  const stack = await servers.startStack(databases, { paymentLatencyMs: PAYMENT_LATENCY_MS, tracing: profilingEnvironment(row, sink.dsn) });
  try {
    const next = sender(stack.gatewayUrl);
    await runClosedLoop({ clients: settings.clients, durationMs: settings.warmUpSeconds * 1000, next });
    await sleep(ENVELOPE_SETTLE_MS);
    const before = { items: sink.counts(), cpu: childCpuSeconds(process.pid, NODE, REPO_ROOT) };
    const result = await runClosedLoop({ clients: settings.clients, durationMs: settings.seconds * 1000, next });
    // The settling time counts: stopping the profiler and sending the last chunks is part of its cost.
    await sleep(ENVELOPE_SETTLE_MS);
    const after = sink.counts();
    return {
      result,
      items: {
        transactions: after.transactions - before.items.transactions,
        profileChunks: after.profileChunks - before.items.profileChunks,
      },
      cpuSeconds: cpuSpent(before.cpu, childCpuSeconds(process.pid, NODE, REPO_ROOT)),
    };
  } finally {
    await stack.stop();
  }
}

/** CPU milliseconds per successful request: the gateway's, the game subgraph's, and all services'. */
function cpuMsPerRequest(cpuSeconds: Map<string, number>, requests: number) {
  const sum = (keep: (folder: string) => boolean) =>
    [...cpuSeconds].filter(([folder]) => keep(folder)).reduce((total, [, seconds]) => total + seconds, 0);
  const perRequest = (seconds: number) => round((seconds * 1000) / requests, 2);
  return {
    gateway: perRequest(sum((folder) => folder === 'gateway')),
    game: perRequest(sum((folder) => folder === 'subgraphs/game')),
    allServices: perRequest(sum(() => true)),
  };
}

const settings = profilingSettings();
const lines: string[] = [];
const log = (name: string, line: string) => lines.push(`[${name}] ${line}`);
const runStarted = performance.now();
/** Other work on the machine skews every row; the 1-minute load average before and after says how much there was. */
const loadBefore = loadAverage1m();
let exitCode = 0;
let servers: BenchServers | undefined;
let sink: Sink | undefined;
try {
  servers = await startBenchServers('bench-profiling', say, log);
  sink = await startCountingEnvelopeSink();
  say(
    `${settings.passes} passes x ${PROFILING_ROWS.length} rows x (${settings.warmUpSeconds} s warm-up + ${settings.seconds} s), ${settings.clients} clients, ` +
      `MongoDB ${servers.mongoSource}, ${DATA_SET.players} players and ${DATA_SET.rounds} rounds per row`,
  );
  const measured = new Map<ProfilingRow, Measured[]>(PROFILING_ROWS.map((row) => [row, []]));
  for (const [index, { row, pass }] of samplingSchedule(PROFILING_ROWS, settings.passes).entries()) {
    const run = await measureRow(servers, sink, row, index);
    measured.get(row)!.push(run);
    const summary = summarizeClosedLoop(run.result);
    const cpu = cpuMsPerRequest(run.cpuSeconds, summary.requests);
    say(
      `pass ${pass + 1}, ${row.label}: ${summary.requestsPerSecond} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, ` +
        `CPU per request ${cpu.gateway} ms gateway, ${cpu.allServices} ms all services, ` +
        `${run.items.transactions} transactions, ${run.items.profileChunks} profile chunks`,
    );
  }
  // Each row's passes pooled: all its requests over all its measured time.
  const pooled = PROFILING_ROWS.map((row) => {
    const runs = measured.get(row)!;
    const summary = summarizeClosedLoop({
      samples: runs.flatMap((run) => run.result.samples),
      elapsedMs: runs.reduce((sum, run) => sum + run.result.elapsedMs, 0),
    });
    const cpuSeconds = new Map<string, number>();
    for (const run of runs) for (const [folder, seconds] of run.cpuSeconds) cpuSeconds.set(folder, (cpuSeconds.get(folder) ?? 0) + seconds);
    const profileChunks = runs.reduce((sum, run) => sum + run.items.profileChunks, 0);
    const transactions = runs.reduce((sum, run) => sum + run.items.transactions, 0);
    return {
      ...row,
      ...summary,
      requestsPerSecondByPass: runs.map((run) => summarizeClosedLoop(run.result).requestsPerSecond),
      transactionsPerRequest: round(transactions / summary.requests, 2),
      profileChunksPerRequest: round(profileChunks / summary.requests, 3),
      cpuMsPerRequest: cpuMsPerRequest(cpuSeconds, summary.requests),
    };
  });
  const baseline = pooled[0]!;
  const results = pooled.map((row) => ({
    ...row,
    /** Throughput against the first row (the same tracing without profiles). */
    relativeThroughput: round(row.requestsPerSecond / baseline.requestsPerSecond, 3),
    relativeCpuPerRequest: round(row.cpuMsPerRequest.allServices / baseline.cpuMsPerRequest.allServices, 3),
  }));

  console.log(
    '\nrow                       req/s  (per pass)       vs first  p50 ms  p99 ms  CPU ms/req all (vs first)  game  chunks/req  requests  errors',
  );
  for (const r of results) {
    console.log(
      `${r.label.padEnd(24)} ${String(r.requestsPerSecond).padStart(6)}  ${`(${r.requestsPerSecondByPass.join(', ')})`.padEnd(16)} ${`${(r.relativeThroughput * 100).toFixed(1)} %`.padStart(8)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${`${r.cpuMsPerRequest.allServices} (${(r.relativeCpuPerRequest * 100).toFixed(1)} %)`.padStart(28)} ${String(r.cpuMsPerRequest.game).padStart(5)} ${String(r.profileChunksPerRequest).padStart(11)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)}`,
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
  writeFileSync(path.join(REPO_ROOT, 'bench', 'results-profiling.json'), `${JSON.stringify(report, null, 2)}\n`);
  say(`wrote bench/results-profiling.json (whole run ${report.runSeconds} s)`);
} catch (error) {
  say(`failed: ${(error as Error).message}`);
  console.log(lines.slice(-30).join('\n'));
  exitCode = 1;
} finally {
  await sink?.stop();
  await servers?.stop();
}
process.exit(exitCode);

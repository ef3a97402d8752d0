/**
 * What the sampling and profiling benchmarks share: rows of a tracing-cost closed loop, each row in
 * each pass (forward, then backward) on a fresh stack on freshly seeded databases, with SENTRY_DSN
 * pointing at a local endpoint that counts the envelopes' items and drops them; `clients` closed
 * loops then send every scenario's fixed variant in turn, through the gateway, without trace
 * headers. Each benchmark gives its rows, the tracing environment of a row, what it makes of the
 * pooled runs and how it prints them; this writes bench/results-<name>.json. Loopback only.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SCENARIOS, type ScenarioOperation } from '@trace-arcade/scenarios';
import { REPO_ROOT } from '@trace-arcade/stack';
import { benchExitCode } from './bench-failure.js';
import { startBenchServers, type BenchServers } from './bench-stack.js';
import type { ClosedLoopSettings } from './closed-loop-settings.js';
import { runClosedLoop, summarizeClosedLoop, type ClosedLoopResult, type ClosedLoopSummary } from './closed-loop.js';
import { loadAverage1m, machineDescription } from './machine.js';
import { childCpuSeconds, cpuSpent } from './process-cpu.js';
import { samplingSchedule } from './sampling-settings.js';
import { scenarioSender } from './scenario-sender.js';
import { round } from './stats.js';

/** Small on purpose: the rows measure tracing's cost, not the database's; each row seeds its own copy. */
const DATA_SET = { players: 200, rounds: 10_000 };
/** The payment provider's deliberate delay, kept short so that CPU, where tracing costs, bounds throughput. */
const PAYMENT_LATENCY_MS = 20;
/** Time for the envelopes of the last requests of a row to reach the sink before they are counted. */
const ENVELOPE_SETTLE_MS = 1000;
/** The Node binary the services run on, as /proc shows it. */
const NODE = realpathSync(process.execPath);

/** Counts of what the sink received, by kind. */
type Counts<C> = { [K in keyof C]: number };

/** An endpoint that stands where Sentry would, counts what it gets and drops it. */
export interface CountingSink<C extends Counts<C>> {
  dsn: string;
  counts: () => C;
  stop: () => Promise<void>;
}

/** One row's measured time in one pass. */
export interface RowRun<C> {
  result: ClosedLoopResult;
  /** What the sink received during the measured time. */
  items: C;
  /** CPU seconds each service process spent during the measured time, keyed by its folder. */
  cpuSeconds: Map<string, number>;
}

/** One row's passes pooled: all its requests over all its measured time. */
export interface PooledRow<Row, C> {
  row: Row;
  summary: ClosedLoopSummary;
  /** Each pass's throughput on its own, to show how far two runs of the same row differ. */
  requestsPerSecondByPass: number[];
  items: C;
  cpuSeconds: Map<string, number>;
}

export interface TracingCostBench<Row extends { label: string }, C extends Counts<C>, Result> {
  /** Names the log prefix (`[bench:<name>]`), the databases and the result file (bench/results-<name>.json). */
  name: string;
  rows: readonly Row[];
  settings: ClosedLoopSettings;
  startSink: () => Promise<CountingSink<C>>;
  /** The tracing environment every service of the row's stack gets. */
  environment: (row: Row, sinkDsn: string) => NodeJS.ProcessEnv;
  /** The operation sent for a scenario. */
  operationOf: (scenario: (typeof SCENARIOS)[number]) => ScenarioOperation;
  /** What the sink received in one run, for the line printed after it. */
  describeItems: (items: C) => string;
  /** The result rows, in the order of `rows`, from each row's pooled passes. */
  results: (pooled: PooledRow<Row, C>[]) => Result[];
  printTable: (results: Result[]) => void;
}

/** CPU milliseconds per successful request, summed over the service folders each group keeps. */
export function cpuMsPerRequest<Group extends string>(
  cpuSeconds: Map<string, number>,
  requests: number,
  groups: Record<Group, (folder: string) => boolean>,
): Record<Group, number> {
  const sum = (keep: (folder: string) => boolean) =>
    [...cpuSeconds].filter(([folder]) => keep(folder)).reduce((total, [, seconds]) => total + seconds, 0);
  return Object.fromEntries(
    Object.entries<(folder: string) => boolean>(groups).map(([group, keep]) => [group, round((sum(keep) * 1000) / requests, 2)]),
  ) as Record<Group, number>;
}

/**
 * Each pooled row with its summary, its throughput per pass and its CPU milliseconds per successful
 * request (the gateway's, the game subgraph's, all services'), then its throughput and CPU per
 * request against the first row's; `extra` adds a benchmark's own columns.
 */
export function costRows<Row, C, Extra extends object>(pooled: readonly PooledRow<Row, C>[], extra: (pooled: PooledRow<Row, C>) => Extra) {
  const rows = pooled.map((one) => ({
    ...one.row,
    ...one.summary,
    requestsPerSecondByPass: one.requestsPerSecondByPass,
    ...extra(one),
    cpuMsPerRequest: cpuMsPerRequest(one.cpuSeconds, one.summary.requests, {
      gateway: (folder) => folder === 'gateway',
      game: (folder) => folder === 'subgraphs/game',
      allServices: () => true,
    }),
  }));
  const baseline = rows[0]!;
  return rows.map((row) => ({
    ...row,
    relativeThroughput: round(row.requestsPerSecond / baseline.requestsPerSecond, 3),
    relativeCpuPerRequest: round(row.cpuMsPerRequest.allServices / baseline.cpuMsPerRequest.allServices, 3),
  }));
}

/** Adds (or, with `sign` -1, subtracts) each count of `b` to `a`'s. */
function addCounts<C extends Counts<C>>(a: C, b: C, sign = 1): C {
  return Object.fromEntries(Object.keys(a).map((key) => [key, a[key as keyof C] + sign * b[key as keyof C]])) as C;
}

/** Runs the benchmark, prints its table and writes its result file; returns the exit code. */
export async function runTracingCostBench<Row extends { label: string }, C extends Counts<C>, Result>(
  bench: TracingCostBench<Row, C, Result>,
): Promise<number> {
  const { name, rows, settings } = bench;
  const say = (line: string) => console.log(`[bench:${name}] ${line}`);
  const lines: string[] = [];
  const log = (source: string, line: string) => lines.push(`[${source}] ${line}`);
  const runStarted = performance.now();
  /** Other work on the machine skews every row; the 1-minute load average before and after says how much there was. */
  const loadBefore = loadAverage1m();
  let servers: BenchServers | undefined;
  let sink: CountingSink<C> | undefined;
  return benchExitCode(
    async () => {
      servers = await startBenchServers(`bench-${name}`, say, log);
      sink = await bench.startSink();
      say(
        `${settings.passes} passes x ${rows.length} rows x (${settings.warmUpSeconds} s warm-up + ${settings.seconds} s), ${settings.clients} clients, ` +
          `MongoDB ${servers.mongoSource}, ${DATA_SET.players} players and ${DATA_SET.rounds} rounds per row`,
      );
      const measured = new Map<Row, RowRun<C>[]>(rows.map((row) => [row, []]));
      for (const [index, { row, pass }] of samplingSchedule(rows, settings.passes).entries()) {
        const run = await measureRow(bench, servers, sink, row, index);
        measured.get(row)!.push(run);
        const summary = summarizeClosedLoop(run.result);
        const cpu = cpuMsPerRequest(run.cpuSeconds, summary.requests, {
          gateway: (folder) => folder === 'gateway',
          allServices: () => true,
        });
        say(
          `pass ${pass + 1}, ${row.label}: ${summary.requestsPerSecond} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, ` +
            `CPU per request ${cpu.gateway} ms gateway, ${cpu.allServices} ms all services, ${bench.describeItems(run.items)}`,
        );
      }
      const pooled = rows.map((row): PooledRow<Row, C> => {
        const runs = measured.get(row)!;
        const cpuSeconds = new Map<string, number>();
        for (const run of runs)
          for (const [folder, seconds] of run.cpuSeconds) cpuSeconds.set(folder, (cpuSeconds.get(folder) ?? 0) + seconds);
        return {
          row,
          summary: summarizeClosedLoop({
            samples: runs.flatMap((run) => run.result.samples),
            elapsedMs: runs.reduce((sum, run) => sum + run.result.elapsedMs, 0),
          }),
          requestsPerSecondByPass: runs.map((run) => summarizeClosedLoop(run.result).requestsPerSecond),
          items: runs.map((run) => run.items).reduce((total, items) => addCounts(total, items)),
          cpuSeconds,
        };
      });
      const results = bench.results(pooled);
      bench.printTable(results);
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
      writeFileSync(path.join(REPO_ROOT, 'bench', `results-${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
      say(`wrote bench/results-${name}.json (whole run ${report.runSeconds} s)`);
      return 0;
    },
    {
      say,
      lines,
      stop: async () => {
        await sink?.stop();
        await servers?.stop();
      },
    },
  );
}

/** One row: a fresh stack on freshly seeded databases (the same data as every other row) with the row's tracing environment, warmed up, then measured. */
async function measureRow<Row extends { label: string }, C extends Counts<C>, Result>(
  bench: TracingCostBench<Row, C, Result>,
  servers: BenchServers,
  sink: CountingSink<C>,
  row: Row,
  index: number,
): Promise<RowRun<C>> {
  const { name, settings } = bench;
  const databases = await servers.seed(
    { users: `users_${name}_${index}`, game: `game_${name}_${index}`, analytics: `analytics_${name}_${index}` },
    DATA_SET,
  );
  const stack = await servers.startStack(databases, { paymentLatencyMs: PAYMENT_LATENCY_MS, tracing: bench.environment(row, sink.dsn) });
  try {
    const next = scenarioSender(stack.gatewayUrl, bench.operationOf);
    await runClosedLoop({ clients: settings.clients, durationMs: settings.warmUpSeconds * 1000, next });
    await sleep(ENVELOPE_SETTLE_MS);
    const before = { items: sink.counts(), cpu: childCpuSeconds(process.pid, NODE, REPO_ROOT) };
    const result = await runClosedLoop({ clients: settings.clients, durationMs: settings.seconds * 1000, next });
    // The settling time counts: sending the last envelopes (and, with profiling, stopping the profiler) is part of what tracing costs.
    await sleep(ENVELOPE_SETTLE_MS);
    return {
      result,
      items: addCounts(sink.counts(), before.items, -1),
      cpuSeconds: cpuSpent(before.cpu, childCpuSeconds(process.pid, NODE, REPO_ROOT)),
    };
  } finally {
    await stack.stop();
  }
}

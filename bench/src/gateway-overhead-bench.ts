/**
 * `npm run bench:gateway`: what the gateway and tracing add to the demo operations, as ratios from
 * one run, against the targets of the performance pass:
 *   - n-plus-one fixed through the gateway vs the same two subgraph calls made directly (users, then
 *     game `_entities` with the 8 distinct representations): target <= 1.3x;
 *   - n-plus-one slow vs fixed through the gateway: target >= 8x;
 *   - closed-loop throughput of every scenario's fixed variant with tracing at rate 1, and with a DSN
 *     at rate 0, vs no DSN: targets >= 75 % and >= 95 %.
 * Each row (no DSN, rate 1, rate 0) is a fresh stack on the same seeded databases; with
 * BENCH_GATEWAY_PASSES=2 the rows run forward, then backward. Writes bench/results-gateway.json.
 * Loopback only: databases, services and the envelope sink all listen on 127.0.0.1.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SCENARIO_HEADER, SCENARIOS } from '@trace-arcade/scenarios';
import { freeStackPorts, REPO_ROOT, startStack, type RunningStack, type StackDatabases } from '@trace-arcade/stack';
import { benchExitCode } from './bench-failure.js';
import { startBenchServers, type BenchServers } from './bench-stack.js';
import { runClosedLoop, summarizeClosedLoop, type ClosedLoopResult } from './closed-loop.js';
import { startDiscardingEnvelopeSink } from './envelope-sink.js';
import { wholeNumber } from '@trace-arcade/seed-data';
import { measure } from './gateway-client.js';
import { loadAverage1m, machineDescription } from './machine.js';
import { childCpuSeconds, cpuSpent } from './process-cpu.js';
import { ALL_FIXED, SAMPLING_ROWS, samplingSchedule, tracingEnvironment, type SamplingRow } from './sampling-settings.js';
import { scenarioSender } from './scenario-sender.js';
import { median, round } from './stats.js';

const DATA_SET = { players: 200, rounds: 10_000 };
/** Short, so that CPU (where the gateway and tracing cost) bounds throughput, not the provider's delay. */
const PAYMENT_LATENCY_MS = 20;
const ROWS: readonly SamplingRow[] = SAMPLING_ROWS.filter((row) => row.sampleRate === null || row.sampleRate === 1 || row.sampleRate === 0);
const NODE = realpathSync(process.execPath);
const say = (line: string) => console.log(`[bench:gateway] ${line}`);

const settings = {
  iterations: wholeNumber(process.env, 'BENCH_GATEWAY_ITERATIONS', 20, 3, 200),
  clients: wholeNumber(process.env, 'BENCH_GATEWAY_CLIENTS', 4, 1, 32),
  seconds: wholeNumber(process.env, 'BENCH_GATEWAY_SECONDS', 8, 2, 120),
  warmUpSeconds: 3,
  passes: wholeNumber(process.env, 'BENCH_GATEWAY_PASSES', 1, 1, 4),
};

const nPlusOne = SCENARIOS.find((scenario) => scenario.name === 'n-plus-one')!;
/** The two fetches the gateway's query plan makes for the n-plus-one operation, written out. */
const USERS_PART = `query ($players: Int!, $rounds: Int!) {
  players(first: $players) { id displayName rounds(last: $rounds) { id betCents outcome game { __typename id } } }
}`;
const GAME_PART = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Game { name kind } } }';

async function post(url: string, query: string, variables: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SCENARIO_HEADER]: 'n-plus-one=fixed' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!response.ok || body.errors || !body.data)
    throw new Error(`direct call: HTTP ${response.status} ${JSON.stringify(body.errors ?? '')}`);
  return body.data;
}

/** The n-plus-one data straight from the subgraphs: users, then game with the representations (`distinct` or all). */
async function directMs(usersUrl: string, gameUrl: string, distinct: boolean): Promise<number> {
  const started = performance.now();
  const users = await post(`${usersUrl}/graphql`, USERS_PART, nPlusOne.variables);
  const games = (users['players'] as { rounds: { game: { __typename: string; id: string } }[] }[]).flatMap((player) =>
    player.rounds.map((round) => round.game),
  );
  const representations = distinct ? [...new Map(games.map((game) => [game.id, game])).values()] : games;
  await post(`${gameUrl}/graphql`, GAME_PART, { representations });
  return performance.now() - started;
}

/** n-plus-one through the gateway (slow and fixed) and directly (8 and 200 representations), interleaved. */
async function latencies(stack: RunningStack, ports: { users: number; game: number }) {
  const usersUrl = `http://127.0.0.1:${ports.users}`;
  const gameUrl = `http://127.0.0.1:${ports.game}`;
  const samples = { fixed: [] as number[], slow: [] as number[], direct: [] as number[], direct200: [] as number[] };
  const once = async () => ({
    fixed: (await measure(stack.gatewayUrl, nPlusOne.operation, nPlusOne.variables, 'n-plus-one=fixed')).ms,
    slow: (await measure(stack.gatewayUrl, nPlusOne.operation, nPlusOne.variables, 'n-plus-one=slow')).ms,
    direct: await directMs(usersUrl, gameUrl, true),
    direct200: await directMs(usersUrl, gameUrl, false),
  });
  for (let i = 0; i < 3; i++) await once();
  for (let i = 0; i < settings.iterations; i++) {
    const sample = await once();
    for (const key of Object.keys(samples) as (keyof typeof samples)[]) samples[key].push(sample[key]);
  }
  // The gateway's own CPU per n-plus-one fixed request, alone: steadier than its latency on a busy machine.
  const cpuBefore = childCpuSeconds(process.pid, NODE, REPO_ROOT);
  const cpuRequests = settings.iterations * 3;
  for (let i = 0; i < cpuRequests; i++) await measure(stack.gatewayUrl, nPlusOne.operation, nPlusOne.variables, 'n-plus-one=fixed');
  const gatewayCpu = cpuSpent(cpuBefore, childCpuSeconds(process.pid, NODE, REPO_ROOT)).get('gateway') ?? 0;
  const medians = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, round(median(values), 2)])) as Record<
    keyof typeof samples,
    number
  >;
  return {
    medianMs: medians,
    gatewayCpuMsPerFixedRequest: round((gatewayCpu * 1000) / cpuRequests, 2),
    fixedVsDirect: round(medians.fixed / medians.direct, 2),
    slowVsFixed: round(medians.slow / medians.fixed, 1),
  };
}

interface RowRun {
  result: ClosedLoopResult;
  gatewayCpuSeconds: number;
  allCpuSeconds: number;
  latencies?: Awaited<ReturnType<typeof latencies>>;
}

async function measureRow(databases: StackDatabases, row: SamplingRow, sinkDsn: string): Promise<RowRun> {
  // As bench-stack.ts starts it (every scenario fixed by default), with the subgraphs' ports known for the direct calls.
  const ports = await freeStackPorts();
  const stack = await startStack({
    ports,
    databases,
    sharedEnv: {
      LOG_LEVEL: 'warn',
      PAYMENT_LATENCY_MS: String(PAYMENT_LATENCY_MS),
      SCENARIO_DEFAULTS: ALL_FIXED,
      ...tracingEnvironment(row, sinkDsn),
    },
    sink: (name, line) => lines.push(`[${name}] ${line}`),
  });
  try {
    // Every scenario's fixed variant in turn (each scenario's own operation), no trace headers, as the load generator sends them.
    const next = scenarioSender(stack.gatewayUrl, (scenario) => scenario);
    await runClosedLoop({ clients: settings.clients, durationMs: settings.warmUpSeconds * 1000, next });
    const before = childCpuSeconds(process.pid, NODE, REPO_ROOT);
    const result = await runClosedLoop({ clients: settings.clients, durationMs: settings.seconds * 1000, next });
    const spent = cpuSpent(before, childCpuSeconds(process.pid, NODE, REPO_ROOT));
    const run: RowRun = {
      result,
      gatewayCpuSeconds: spent.get('gateway') ?? 0,
      allCpuSeconds: [...spent.values()].reduce((sum, seconds) => sum + seconds, 0),
    };
    if (row.sampleRate === null) run.latencies = await latencies(stack, ports);
    return run;
  } finally {
    await stack.stop();
  }
}

const lines: string[] = [];
const loadBefore = loadAverage1m();
const runStarted = performance.now();
let servers: BenchServers | undefined;
const sink = await startDiscardingEnvelopeSink();
const exitCode = await benchExitCode(
  async () => {
    servers = await startBenchServers('bench-gateway', say, (name, line) => lines.push(`[${name}] ${line}`));
    say(`seeding ${DATA_SET.players} players and ${DATA_SET.rounds} rounds (MongoDB ${servers.mongoSource})`);
    const databases = await servers.seed({ users: 'users_gateway', game: 'game_gateway', analytics: 'analytics_gateway' }, DATA_SET);
    const runs = new Map<SamplingRow, RowRun[]>(ROWS.map((row) => [row, []]));
    for (const { row, pass } of samplingSchedule(ROWS, settings.passes)) {
      const run = await measureRow(databases, row, sink.dsn);
      runs.get(row)!.push(run);
      const summary = summarizeClosedLoop(run.result);
      say(
        `pass ${pass + 1}, ${row.label}: ${summary.requestsPerSecond} req/s, gateway CPU ${round((run.gatewayCpuSeconds * 1000) / summary.requests, 2)} ms/request`,
      );
    }
    const rows = ROWS.map((row) => {
      const rowRuns = runs.get(row)!;
      const summary = summarizeClosedLoop({
        samples: rowRuns.flatMap((run) => run.result.samples),
        elapsedMs: rowRuns.reduce((sum, run) => sum + run.result.elapsedMs, 0),
      });
      const gateway = rowRuns.reduce((sum, run) => sum + run.gatewayCpuSeconds, 0);
      const all = rowRuns.reduce((sum, run) => sum + run.allCpuSeconds, 0);
      return {
        label: row.label,
        requestsPerSecond: summary.requestsPerSecond,
        p50Ms: summary.p50Ms,
        errors: summary.errors,
        gatewayCpuMsPerRequest: round((gateway * 1000) / summary.requests, 2),
        allServicesCpuMsPerRequest: round((all * 1000) / summary.requests, 2),
      };
    });
    const baseline = rows[0]!;
    const ratio = (label: string) => round(rows.find((row) => row.label === label)!.requestsPerSecond / baseline.requestsPerSecond, 2);
    const nPlusOneRuns = runs.get(ROWS[0]!)!.map((run) => run.latencies!);
    const results = {
      date: new Date().toISOString(),
      machine: { ...machineDescription(servers.mongoSource), loadAverage1m: { before: loadBefore, after: loadAverage1m() } },
      settings,
      dataSet: DATA_SET,
      nPlusOne: nPlusOneRuns,
      throughput: rows,
      ratios: {
        nPlusOneFixedVsDirect: { value: median(nPlusOneRuns.map((run) => run.fixedVsDirect)), target: '<= 1.3' },
        nPlusOneSlowVsFixed: { value: median(nPlusOneRuns.map((run) => run.slowVsFixed)), target: '>= 8' },
        tracingRate1VsNoDsn: { value: ratio('rate 1'), target: '>= 0.75' },
        dsnRate0VsNoDsn: { value: ratio('rate 0'), target: '>= 0.95' },
      },
      runSeconds: round((performance.now() - runStarted) / 1000),
    };
    console.log(
      '\nn-plus-one, no DSN (median ms)   through gateway fixed  slow   direct (8 repr.)  direct (200 repr.)  gateway CPU ms per fixed request',
    );
    for (const run of nPlusOneRuns) {
      const m = run.medianMs;
      console.log(
        `${''.padEnd(32)} ${String(m.fixed).padStart(21)} ${String(m.slow).padStart(6)} ${String(m.direct).padStart(17)} ${String(m.direct200).padStart(19)} ${String(run.gatewayCpuMsPerFixedRequest).padStart(33)}`,
      );
    }
    console.log('\nrow                 req/s   p50 ms  gateway CPU ms/req  all services CPU ms/req  errors');
    for (const row of rows) {
      console.log(
        `${row.label.padEnd(18)} ${String(row.requestsPerSecond).padStart(6)} ${String(row.p50Ms).padStart(8)} ${String(row.gatewayCpuMsPerRequest).padStart(19)} ${String(row.allServicesCpuMsPerRequest).padStart(24)} ${String(row.errors).padStart(7)}`,
      );
    }
    console.log('\nratio                                  value   target');
    for (const [name, { value, target }] of Object.entries(results.ratios))
      console.log(`${name.padEnd(38)} ${String(value).padStart(6)}   ${target}`);
    writeFileSync(path.join(REPO_ROOT, 'bench', 'results-gateway.json'), `${JSON.stringify(results, null, 2)}\n`);
    say(`wrote bench/results-gateway.json (whole run ${results.runSeconds} s)`);
    return 0;
  },
  {
    say,
    lines,
    stop: async () => {
      await sink.stop();
      await servers?.stop();
    },
  },
);
process.exit(exitCode);

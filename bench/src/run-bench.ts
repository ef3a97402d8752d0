/**
 * `npm run bench`: every scenario slow and fixed, interleaved, BENCH_ITERATIONS times each, on the
 * default data set; each request runs its scenario in the mode measured and every other scenario
 * fixed (`isolatedSelection`, as the panel does), so a row shows one problem alone. With BENCH_TRACING=false (the default) tracing is off and the cost measured is
 * the application's; with BENCH_TRACING=true every request is traced and sent to a local sink, as
 * in a demo. Prints a table and writes bench/results.json (bench/results-tracing.json with
 * tracing). Databases come from the same settings as `npm start`; their data is kept in .data/bench.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectedErrorCode, isolatedSelection, operationFor, SCENARIO_NAMES, SCENARIOS, type Mode } from '@trace-arcade/scenarios';
import { seedSizeFromEnv, wholeNumber } from '@trace-arcade/seed-data';
import {
  freePort,
  freeStackPorts,
  loadStackConfig,
  ProcessGroup,
  provideDatabases,
  REPO_ROOT,
  seedStack,
  startStack,
} from '@trace-arcade/stack';
import { handWrittenJoinMs, singlePaymentCallMs } from './baselines.js';
import { startDiscardingEnvelopeSink } from './envelope-sink.js';
import { eventLoopUnderLoad } from './event-loop-load.js';
import { machineDescription } from './machine.js';
import { REGEX_BACKTRACKING_LOAD_DESCRIPTION, regexBacktrackingTable, regexBacktrackingUnderLoad } from './regex-backtracking-bench.js';
import { formatPoolExhaustion, poolExhaustionUnderConcurrency } from './pool-exhaustion-bench.js';
import { measureMemoryLeak, memoryLeakRequestsFromEnv, printMemoryLeak } from './memory-leak-bench.js';
import { measure, totals, type Measured } from './gateway-client.js';
import { median, percentile, round } from './stats.js';

const say = (line: string) => console.log(`[bench] ${line}`);

function summarize(samples: Measured[]) {
  const counts = samples.map((sample) => totals(sample.perf));
  return {
    medianMs: round(median(samples.map((s) => s.ms))),
    /** Time spent inside the subgraphs, summed: the gateway's own work left out. */
    subgraphMedianMs: round(median(samples.map((s) => Object.values(s.perf.subgraphs).reduce((sum, cost) => sum + cost.ms, 0)))),
    p95Ms: round(
      percentile(
        samples.map((s) => s.ms),
        95,
      ),
    ),
    sqlStatements: median(counts.map((c) => c.sqlStatements)),
    sqlMs: round(median(counts.map((c) => c.sqlMs)), 2),
    mongoCommands: median(counts.map((c) => c.mongoCommands)),
    mongoMs: round(median(counts.map((c) => c.mongoMs)), 1),
    httpCalls: median(counts.map((c) => c.httpCalls)),
    /** Fetches of the query plan that wait for one another (federation-waterfall). */
    sequentialFetches: median(samples.map((s) => s.perf.plan?.sequentialDepth ?? 0)),
  };
}

function tracingFromEnv(): boolean {
  const raw = process.env['BENCH_TRACING'] ?? 'false';
  if (raw !== 'true' && raw !== 'false') throw new Error(`BENCH_TRACING: expected true or false; got ${JSON.stringify(raw)}`);
  return raw === 'true';
}

/**
 * pool-exhaustion sends 10 slow bets at once: the game admits 8 slow-variant calls by default. The
 * benchmark measures each slow twin many times in a row: the whole window is the blocking twins'
 * CPU budget (npm run bench:slow-flood measures the budget itself).
 */
const POOL_BENCH_ENV = { SLOW_VARIANT_CONCURRENCY: '10', SLOW_VARIANT_CPU_BUDGET_MS: '10000', SLOW_VARIANT_CPU_WINDOW_MS: '10000' };

const iterations = wholeNumber(process.env, 'BENCH_ITERATIONS', 10, 1, 100);
const tracing = tracingFromEnv();
const size = seedSizeFromEnv();
const config = loadStackConfig({ ...process.env, POSTGRES_PORT: String(await freePort()), MONGO_PORT: String(await freePort()) });
const lines: string[] = [];
const processes = new ProcessGroup(
  (name, line) => lines.push(`[${name}] ${line}`),
  () => undefined,
);
const provided = await provideDatabases(config, path.join(REPO_ROOT, '.data', 'bench'), processes, say);
let exitCode = 0;
try {
  say(`seeding ${size.players} players and ${size.rounds} rounds (kept when already there)`);
  await seedStack({ databases: provided.databases, size, progress: () => undefined, log: (name, line) => lines.push(`[${name}] ${line}`) });
  const ports = await freeStackPorts();
  const sink = tracing ? await startDiscardingEnvelopeSink() : undefined;
  const stack = await startStack({
    ports,
    databases: provided.databases,
    sharedEnv: sink
      ? { LOG_LEVEL: 'warn', SENTRY_DSN: sink.dsn, SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: '1', ...POOL_BENCH_ENV }
      : { LOG_LEVEL: 'warn', SENTRY_DSN: '', SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: '0', ...POOL_BENCH_ENV },
    sink: (name, line) => lines.push(`[${name}] ${line}`),
  });
  try {
    const rows = [];
    for (const scenario of SCENARIOS) {
      say(`${scenario.name}: ${iterations} x slow and fixed, interleaved`);
      const samples: Record<Mode, Measured[]> = { slow: [], fixed: [] };
      const send = (mode: Mode) => {
        const { operation, variables } = operationFor(scenario, mode);
        const selection = isolatedSelection(scenario.name, mode, SCENARIO_NAMES);
        return measure(stack.gatewayUrl, operation, variables, selection, expectedErrorCode(scenario.name, mode));
      };
      for (const mode of ['slow', 'fixed'] as const) await send(mode);
      for (let i = 0; i < iterations; i++) {
        for (const mode of i % 2 === 0 ? (['slow', 'fixed'] as const) : (['fixed', 'slow'] as const)) {
          samples[mode].push(await send(mode));
        }
      }
      const slow = summarize(samples.slow);
      const fixed = summarize(samples.fixed);
      rows.push({
        scenario: scenario.name,
        slow,
        fixed,
        ratio: round(slow.medianMs / fixed.medianMs, 1),
        subgraphRatio: round(slow.subgraphMedianMs / fixed.subgraphMedianMs, 1),
      });
    }

    say('cpu-rng under load: 4 clients x 5 requests, with a bystander query timed throughout');
    const cpu = SCENARIOS.find((scenario) => scenario.name === 'cpu-rng')!;
    const load = [
      await eventLoopUnderLoad(stack.gatewayUrl, operationFor(cpu, 'slow').operation, operationFor(cpu, 'slow').variables, 'slow', {
        clients: 4,
        requestsPerClient: 5,
      }),
      await eventLoopUnderLoad(stack.gatewayUrl, operationFor(cpu, 'fixed').operation, operationFor(cpu, 'fixed').variables, 'fixed', {
        clients: 4,
        requestsPerClient: 5,
      }),
    ];

    say(REGEX_BACKTRACKING_LOAD_DESCRIPTION);
    const regexLoad = await regexBacktrackingUnderLoad(stack.gatewayUrl);
    say('pool-exhaustion: 10 bets at once, slow and fixed, 3 batches each');
    const poolExhaustion = await poolExhaustionUnderConcurrency(stack.gatewayUrl, { bets: 10, batches: 3 });

    const nPlusOne = SCENARIOS.find((scenario) => scenario.name === 'n-plus-one')!;
    const joins = await handWrittenJoinMs(
      provided.databases.usersDatabaseUrl,
      provided.databases.gameDatabaseUrl,
      nPlusOne.variables.players,
      nPlusOne.variables.rounds,
      iterations,
    );
    const payments: number[] = [];
    for (let i = 0; i < iterations; i++) payments.push(await singlePaymentCallMs(`http://127.0.0.1:${ports.paymentProvider}`));
    const baselines = { handWrittenJoinMedianMs: round(median(joins), 2), singlePaymentCallMedianMs: round(median(payments)) };

    console.log(
      '\nscenario           mode    median ms   p95 ms  in subgraphs ms    SQL  SQL ms  Mongo  Mongo ms  HTTP   slow/fixed (in subgraphs)',
    );
    for (const row of rows) {
      for (const mode of ['slow', 'fixed'] as const) {
        const r = row[mode];
        console.log(
          `${row.scenario.padEnd(18)} ${mode.padEnd(6)} ${String(r.medianMs).padStart(10)} ${String(r.p95Ms).padStart(8)} ${String(r.subgraphMedianMs).padStart(16)} ${String(r.sqlStatements).padStart(6)} ${String(r.sqlMs).padStart(7)} ${String(r.mongoCommands).padStart(6)} ${String(r.mongoMs).padStart(9)} ${String(r.httpCalls).padStart(5)}   ${mode === 'slow' ? `${row.ratio}x (${row.subgraphRatio}x)` : ''}`,
        );
      }
    }
    console.log('\ncpu-rng under load   requests  event-loop p99 ms  max ms  bystander p50 ms  p99 ms');
    for (const result of load) {
      console.log(
        `${result.mode.padEnd(20)} ${String(result.requests).padStart(8)} ${String(result.eventLoopDelayP99Ms).padStart(18)} ${String(result.eventLoopDelayMaxMs).padStart(7)} ${String(result.bystanderP50Ms).padStart(17)} ${String(result.bystanderP99Ms).padStart(7)}`,
      );
    }
    console.log(`\n${regexBacktrackingTable(regexLoad)}`);
    console.log(formatPoolExhaustion(poolExhaustion));
    console.log(`\nhand-written JOIN (same data as n-plus-one): median ${baselines.handWrittenJoinMedianMs} ms`);
    console.log(`one payment-provider call: median ${baselines.singlePaymentCallMedianMs} ms\n`);

    // Heap retained per twin, each on a fresh stack run with --expose-gc (bench/src/memory-leak-bench.ts).
    const memoryLeak = await measureMemoryLeak({
      databases: provided.databases,
      requests: memoryLeakRequestsFromEnv(),
      say,
      sink: (name, line) => lines.push(`[${name}] ${line}`),
    });
    printMemoryLeak(memoryLeak);

    const results = {
      date: new Date().toISOString(),
      tracing: sink ? { sampleRate: 1, envelopesSent: sink.envelopes() } : false,
      machine: machineDescription(provided.mongoSource),
      dataSet: size,
      iterations,
      scenarios: rows,
      cpuRngUnderLoad: load,
      regexBacktrackingUnderLoad: regexLoad,
      poolExhaustion,
      baselines,
      memoryLeak,
    };
    const file = tracing ? 'results-tracing.json' : 'results.json';
    writeFileSync(path.join(REPO_ROOT, 'bench', file), `${JSON.stringify(results, null, 2)}\n`);
    say(`wrote bench/${file}`);
  } finally {
    await stack.stop();
    await sink?.stop();
  }
} catch (error) {
  say(`failed: ${(error as Error).message}`);
  console.log(lines.slice(-30).join('\n'));
  exitCode = 1;
} finally {
  await processes.stopAll();
  await provided.stop();
}
process.exit(exitCode);

/**
 * The `memory-leak` scenario's figure: how much heap analytics still holds after MEMORY_LEAK_REQUESTS
 * (default 1,000) requests of one twin, each twin against a fresh stack (fresh processes, same data).
 * Analytics alone runs with `--expose-gc` (a full collection per request costs time; the other
 * services need not pay it), so the heap each response reports in
 * `extensions.perf.subgraphs.analytics.heapUsedBytes` is taken right after a full collection: what
 * is retained, not garbage waiting to be collected. The first WARM_UP requests of each twin are not
 * counted (code compiled, pools and caches filled once); the growth is the last request's heap minus
 * the heap after the warm-up. Called from run-bench.ts; `node bench/dist/memory-leak-bench.js` runs it alone.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isolatedSelection, SCENARIO_NAMES, SCENARIOS, type Mode } from '@trace-arcade/scenarios';
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
  waitForHttpOk,
  type LineSink,
  type RunningStack,
  type StackDatabases,
} from '@trace-arcade/stack';
import { measure } from './gateway-client.js';
import { median, round } from './stats.js';

const MB = 1024 * 1024;
/** Requests sent before the baseline heap is read. */
export const WARM_UP = 20;

export interface MemoryLeakRow {
  mode: Mode;
  /** Requests counted, after the warm-up. */
  requests: number;
  /** After the warm-up, half-way and after the last request. */
  heapFirstMb: number;
  heapMiddleMb: number;
  heapLastMb: number;
  grownMb: number;
  /** Heap kept per counted request: the growth divided by the requests after the baseline. */
  retainedKbPerRequest: number;
  medianMs: number;
  mongoCommands: number;
}

export function memoryLeakRequestsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumber(env, 'MEMORY_LEAK_REQUESTS', 1000, 2, 10_000);
}

/**
 * Starts the stack's analytics again with `--expose-gc`, so that the heap it reports is measured
 * after a full collection, and waits until the gateway is ready again.
 */
export async function restartAnalyticsWithExposedGc(stack: RunningStack): Promise<void> {
  const { spec } = await stack.processes.stop('analytics');
  const nodeOptions = [spec.env['NODE_OPTIONS'], '--expose-gc'].filter(Boolean).join(' ');
  stack.processes.start({ ...spec, env: { ...spec.env, NODE_OPTIONS: nodeOptions } });
  await waitForHttpOk(`${stack.gatewayUrl}/health/ready`, 60_000);
}

/** Runs `requests` requests of each twin, slow first, each against a stack of its own on `databases`. */
export async function measureMemoryLeak(options: {
  databases: StackDatabases;
  requests: number;
  say: (line: string) => void;
  sink: LineSink;
}): Promise<MemoryLeakRow[]> {
  const scenario = SCENARIOS.find((candidate) => candidate.name === 'memory-leak')!;
  const rows: MemoryLeakRow[] = [];
  for (const mode of ['slow', 'fixed'] as const) {
    options.say(`memory-leak: ${options.requests} x ${mode} on a fresh stack, heap measured after a forced GC`);
    const stack = await startStack({
      ports: await freeStackPorts(),
      databases: options.databases,
      sharedEnv: { LOG_LEVEL: 'warn', SENTRY_DSN: '', SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: '0' },
      sink: options.sink,
    });
    try {
      await restartAnalyticsWithExposedGc(stack);
      for (let i = 0; i < WARM_UP; i++)
        await measure(stack.gatewayUrl, scenario.operation, scenario.variables, isolatedSelection('memory-leak', mode, SCENARIO_NAMES));
      const heaps: number[] = [];
      const times: number[] = [];
      let mongoCommands = 0;
      for (let i = 0; i <= options.requests; i++) {
        const measured = await measure(
          stack.gatewayUrl,
          scenario.operation,
          scenario.variables,
          isolatedSelection('memory-leak', mode, SCENARIO_NAMES),
        );
        const analytics = measured.perf.subgraphs['analytics']!;
        if (analytics.heapUsedBytes === undefined) throw new Error('analytics reported no heapUsedBytes in extensions.perf');
        heaps.push(analytics.heapUsedBytes);
        times.push(measured.ms);
        mongoCommands += analytics.mongoCommands;
      }
      const first = heaps[0]!;
      const last = heaps.at(-1)!;
      rows.push({
        mode,
        requests: options.requests,
        heapFirstMb: round(first / MB, 1),
        heapMiddleMb: round(heaps[Math.floor(heaps.length / 2)]! / MB, 1),
        heapLastMb: round(last / MB, 1),
        grownMb: round((last - first) / MB, 1),
        retainedKbPerRequest: round((last - first) / 1024 / options.requests, 1),
        medianMs: round(median(times)),
        mongoCommands,
      });
    } finally {
      await stack.stop();
    }
  }
  return rows;
}

export function printMemoryLeak(rows: readonly MemoryLeakRow[]): void {
  console.log(
    `\nmemory-leak  requests  heap after ${WARM_UP} MB  half-way MB  heap last MB  grown MB  KB kept/request  median ms  Mongo commands`,
  );
  for (const row of rows) {
    console.log(
      `${row.mode.padEnd(12)} ${String(row.requests).padStart(8)} ${String(row.heapFirstMb).padStart(16)} ${String(row.heapMiddleMb).padStart(12)} ${String(row.heapLastMb).padStart(13)} ${String(row.grownMb).padStart(9)} ${String(row.retainedKbPerRequest).padStart(16)} ${String(row.medianMs).padStart(10)} ${String(row.mongoCommands).padStart(15)}`,
    );
  }
}

/** Alone: the databases as `npm run bench` provides them (data kept in .data/bench), the default data set. */
async function main(): Promise<void> {
  const say = (line: string) => console.log(`[bench] ${line}`);
  const requests = memoryLeakRequestsFromEnv();
  const size = seedSizeFromEnv();
  const config = loadStackConfig({ ...process.env, POSTGRES_PORT: String(await freePort()), MONGO_PORT: String(await freePort()) });
  const lines: string[] = [];
  const sink: LineSink = (name, line) => lines.push(`[${name}] ${line}`);
  const processes = new ProcessGroup(sink, () => undefined);
  const provided = await provideDatabases(config, path.join(REPO_ROOT, '.data', 'bench'), processes, say);
  try {
    say(`seeding ${size.players} players and ${size.rounds} rounds (kept when already there)`);
    await seedStack({ databases: provided.databases, size, progress: () => undefined, log: sink });
    printMemoryLeak(await measureMemoryLeak({ databases: provided.databases, requests, say, sink }));
  } catch (error) {
    say(`failed: ${(error as Error).message}`);
    console.log(lines.slice(-30).join('\n'));
    process.exitCode = 1;
  } finally {
    await processes.stopAll();
    await provided.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

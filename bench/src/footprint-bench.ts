/**
 * `npm run bench:footprint`: what the local stack holds in memory and how long `npm start` takes.
 * Starts the stack exactly as `npm start` does (stack/dist/start.js: embedded PostgreSQL, MongoDB
 * from MONGO_SERVER, default `standin` here, Spotlight, the five services and the panel) on free
 * ports with its data in .data/footprint, warms it up with every scenario slow and fixed
 * FOOTPRINT_WARMUP times (default 3), then reads each process's resident memory from /proc (RSS,
 * and PSS, which shares PostgreSQL's shared memory out fairly), stops it with SIGINT, starts it
 * again on the same data and times that second start. Prints a table and writes
 * bench/results-footprint.json. Loopback only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { expectedErrorCode, SCENARIOS } from '@trace-arcade/scenarios';
import { seedSizeFromEnv, wholeNumber } from '@trace-arcade/seed-data';
import { npmStartEnv, REPO_ROOT } from '@trace-arcade/stack';
import { loadAverage1m, machineDescription } from './machine.js';
import { measure } from './gateway-client.js';
import { descendantMemory, type ProcessMemory } from './process-tree-memory.js';
import { round } from './stats.js';

const say = (line: string) => console.log(`[bench:footprint] ${line}`);
const DATA_DIR = path.join(REPO_ROOT, '.data', 'footprint');

interface Started {
  child: ChildProcess;
  output: string[];
  /** From spawning start.js to its "ready" line. */
  readyMs: number;
  /** The banner's Data line. */
  data: string;
  gatewayUrl: string;
}

async function startLikeNpmStart(env: NodeJS.ProcessEnv, gatewayPort: number): Promise<Started> {
  const began = performance.now();
  const child = spawn(process.execPath, ['stack/dist/start.js'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const ready = new Promise<number>((resolve, reject) => {
    const onChunk = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('Trace Arcade is ready')) resolve(performance.now() - began);
    };
    child.stdout.on('data', onChunk);
    child.stderr.on('data', onChunk);
    child.once('exit', (code) => reject(new Error(`start.js exited with code ${code}:\n${output.join('').slice(-3000)}`)));
  });
  const readyMs = await ready;
  const data = /^\s+Data\s+(.+)$/m.exec(output.join(''))?.[1] ?? '';
  return { child, output, readyMs, data, gatewayUrl: `http://127.0.0.1:${gatewayPort}` };
}

async function stop(started: Started): Promise<void> {
  if (started.child.exitCode !== null) return;
  started.child.kill('SIGINT');
  await once(started.child, 'exit');
}

/** `tsc --build` with nothing to do: what `npm start` runs before start.js. */
function noOpBuildMs(): number {
  const began = performance.now();
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--build'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`tsc --build exited with ${result.status}`);
  return performance.now() - began;
}

const warmup = wholeNumber(process.env, 'FOOTPRINT_WARMUP', 3, 0, 20);
// npm start as its user runs it: their databases and DSN, when they set them, are kept.
const { env, ports } = await npmStartEnv({
  MONGO_SERVER: process.env['MONGO_SERVER'] ?? 'standin',
  DATA_DIR,
  DATABASE_URL: process.env['DATABASE_URL'],
  MONGO_URL: process.env['MONGO_URL'],
  SENTRY_DSN: process.env['SENTRY_DSN'],
});
const fresh = !existsSync(DATA_DIR);
say(`${fresh ? 'first start (seeds .data/footprint)' : 'start on the data kept in .data/footprint'}`);
const first = await startLikeNpmStart(env, ports.gateway);
let processes: ProcessMemory[];
const warmupFailures: string[] = [];
try {
  say(`ready in ${round(first.readyMs / 1000, 1)} s (${first.data}); warming up: every scenario slow and fixed x ${warmup}`);
  for (let i = 0; i < warmup; i++) {
    for (const scenario of SCENARIOS) {
      for (const mode of ['slow', 'fixed'] as const) {
        // A failed request is counted and reported: the memory figures are still worth having.
        const header = `${scenario.name}=${mode}`;
        await measure(first.gatewayUrl, scenario.operation, scenario.variables, header, expectedErrorCode(scenario.name, mode)).catch(
          (error: Error) => {
            warmupFailures.push(error.message.slice(0, 300));
          },
        );
      }
    }
  }
  // A moment for the collectors to settle after the last request.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  processes = descendantMemory(first.child.pid!, REPO_ROOT);
  if (warmupFailures.length > 0) say(`${warmupFailures.length} warm-up request(s) failed:\n  ${warmupFailures.join('\n  ')}`);
} finally {
  await stop(first);
}

const buildMs = noOpBuildMs();
const second = await startLikeNpmStart(env, ports.gateway);
await stop(second);

const byName = new Map<string, { processes: number; rssMiB: number; pssMiB: number }>();
for (const p of processes) {
  const entry = byName.get(p.name) ?? { processes: 0, rssMiB: 0, pssMiB: 0 };
  entry.processes += 1;
  entry.rssMiB += p.rssKiB / 1024;
  entry.pssMiB += p.pssKiB / 1024;
  byName.set(p.name, entry);
}
const rows = [...byName].map(([name, e]) => ({ name, processes: e.processes, rssMiB: round(e.rssMiB), pssMiB: round(e.pssMiB) }));
rows.sort((a, b) => b.rssMiB - a.rssMiB);
const total = { rssMiB: round(rows.reduce((s, r) => s + r.rssMiB, 0)), pssMiB: round(rows.reduce((s, r) => s + r.pssMiB, 0)) };

console.log('\nprocess                     n     RSS MiB   PSS MiB');
for (const r of rows) {
  console.log(`${r.name.padEnd(26)} ${String(r.processes).padStart(2)} ${String(r.rssMiB).padStart(11)} ${String(r.pssMiB).padStart(9)}`);
}
console.log(`${'total'.padEnd(29)} ${String(total.rssMiB).padStart(11)} ${String(total.pssMiB).padStart(9)}`);
console.log(
  `\nstart: ${round(first.readyMs / 1000, 1)} s (${first.data}); second start: ${round(second.readyMs / 1000, 1)} s (${second.data}), ` +
    `plus ${round(buildMs / 1000, 1)} s for npm start's tsc --build with nothing to build`,
);

const file = path.join(REPO_ROOT, 'bench', 'results-footprint.json');
writeFileSync(
  file,
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      machine: machineDescription(env['MONGO_SERVER']!),
      loadAverage1m: loadAverage1m(),
      dataSet: seedSizeFromEnv(),
      mongoStandInPersistent: env['MONGO_STANDIN_PERSIST'] === 'true',
      warmupRoundsPerScenarioAndMode: warmup,
      warmupFailures,
      processes: rows,
      total,
      start: { firstWasFresh: fresh, readySeconds: round(first.readyMs / 1000, 1), data: first.data },
      secondStart: { readySeconds: round(second.readyMs / 1000, 1), data: second.data, tscBuildNoOpSeconds: round(buildMs / 1000, 1) },
    },
    null,
    2,
  )}\n`,
);
say(`wrote ${path.relative(REPO_ROOT, file)}`);

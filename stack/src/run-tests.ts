/**
 * `npm test`: starts the databases the tests need once (an embedded PostgreSQL in a fresh
 * folder, and MongoDB from MONGO_URL, a real mongod or the offline stand-in), then runs the
 * panel's component tests (Vitest) and every compiled test file with Node's test runner, and
 * stops the databases again. `--suite=unit|e2e|k8s` runs one suite (`npm run test:unit`, ...):
 * the unit tests beside the code (and the panel's), the whole-stack tests of e2e/, or the chart
 * and manifest checks (which need no database). `npm test -- <files>` runs only those files.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { provideMongo } from './mongo.js';
import { REPO_ROOT } from './paths.js';
import { freePort } from './ports.js';
import { ProcessGroup } from './processes.js';
import { runInLanes, sharesTheMachine } from './test-lanes.js';

/** The unit tests and the chart checks, by glob; the whole-stack tests are e2e/dist's test files (`e2eFiles`). */
const SUITE_GLOBS = {
  unit: [
    'packages/*/dist/**/*.test.js',
    'subgraphs/*/dist/**/*.test.js',
    'payment-provider/dist/**/*.test.js',
    'gateway/dist/**/*.test.js',
    'web/server/dist/**/*.test.js',
    'stack/dist/**/*.test.js',
    'bench/dist/**/*.test.js',
    'loadgen/dist/**/*.test.js',
    'workshop/dist/**/*.test.js',
  ],
  k8s: ['k8s/checks/dist/**/*.test.js'],
} as const;
const SUITE_NAMES = ['unit', 'e2e', 'k8s'] as const;
type Suite = (typeof SUITE_NAMES)[number];

const suiteArgument = process.argv.slice(2).find((arg) => arg.startsWith('--suite='));
const fileArguments = process.argv.slice(2).filter((arg) => !arg.startsWith('--suite='));
const suite = suiteArgument?.slice('--suite='.length);
if (suite !== undefined && !SUITE_NAMES.includes(suite as Suite)) {
  console.error(`[test] --suite: expected ${SUITE_NAMES.join(', ')}; got ${JSON.stringify(suite)}`);
  process.exit(2);
}
const suites: readonly Suite[] = suite ? [suite as Suite] : SUITE_NAMES;
const runsPanelTests = fileArguments.length === 0 && suites.includes('unit');
const needsDatabases = fileArguments.length > 0 || suites.some((name) => name !== 'k8s');

const say = (line: string) => console.log(`[test] ${line}`);

const TEST_TIMEOUT_MS = 5 * 60_000;

/** The panel's component tests (Vitest, jsdom); they need no database. */
async function runPanelComponentTests(): Promise<number> {
  const vitest = path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const runner = spawn(process.execPath, [vitest, 'run'], { cwd: path.join(REPO_ROOT, 'web'), stdio: 'inherit' });
  return new Promise<number>((resolve) => runner.once('exit', (code) => resolve(code ?? 1)));
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-test-'));
const infrastructure = new ProcessGroup(
  (name, line) => {
    if (process.env['TEST_VERBOSE']) console.log(`[${name}] ${line}`);
  },
  (name, code) => say(`${name} exited with code ${code}`),
);

/**
 * How many test files run at once: as many as there are cores. The unit tests each use a database of
 * their own (a random name on the shared servers) and the chart checks render with helm into their
 * own folders; neither judges a timing that another file's load could tip. The whole-stack tests
 * that do run alone (test-lanes.ts).
 */
const FILES_AT_ONCE = availableParallelism();

/**
 * Runs `files` with Node's test runner, `concurrency` files at once; its exit code. `output`
 * 'inherit' streams the runner's report; 'after' keeps it and prints it whole once the runner
 * ends, so that reports of runners side by side do not interleave.
 */
async function runNodeTests(
  files: readonly string[],
  concurrency: number,
  env: NodeJS.ProcessEnv,
  output: 'inherit' | 'after' = 'inherit',
): Promise<number> {
  // Every test and suite fails after TEST_TIMEOUT_MS unless it sets its own: a hang fails in minutes (the longest, a
  // fault suite, takes under one), never eats CI's time.
  const runner = spawn(
    process.execPath,
    ['--test', `--test-concurrency=${concurrency}`, `--test-timeout=${TEST_TIMEOUT_MS}`, '--test-reporter=spec', ...files],
    { cwd: REPO_ROOT, stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  const report: Buffer[] = [];
  runner.stdout?.on('data', (chunk: Buffer) => report.push(chunk));
  runner.stderr?.on('data', (chunk: Buffer) => report.push(chunk));
  const code = await new Promise<number>((resolve) => runner.once('close', (exitCode) => resolve(exitCode ?? 1)));
  if (report.length > 0) process.stdout.write(Buffer.concat(report));
  return code;
}

/**
 * The whole-stack test files, each run by a test runner of its own so that its time is told: the
 * compiled twin of each test in e2e/src (an output left in e2e/dist by a test since removed is not run).
 */
async function e2eFiles(): Promise<string[]> {
  return (await readdir(path.join(REPO_ROOT, 'e2e', 'src')))
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => path.join('e2e', 'dist', name.replace(/\.ts$/, '.js')));
}

/**
 * Runs the whole-stack test files as `runInLanes` orders them (test-lanes.ts), telling each one's
 * time; the first failing exit code.
 */
async function runE2eFiles(env: NodeJS.ProcessEnv): Promise<number> {
  const exitCodes = await runInLanes(await e2eFiles(), FILES_AT_ONCE, async (file) => {
    const started = performance.now();
    const code = await runNodeTests([file], 1, env, sharesTheMachine(file) ? 'after' : 'inherit');
    say(`${file}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${Math.round((performance.now() - started) / 1000)} s`);
    return code;
  });
  return exitCodes.find((code) => code !== 0) ?? 0;
}

/**
 * Runs the panel's component tests when the suite has them, then each suite's files (or only the
 * files named, one at a time); the first failing exit code, after every suite has run.
 */
async function runTests(env: NodeJS.ProcessEnv): Promise<number> {
  const exitCodes = [runsPanelTests ? await runPanelComponentTests() : 0];
  if (fileArguments.length > 0) {
    exitCodes.push(await runNodeTests(fileArguments, 1, env));
  } else {
    for (const name of suites) {
      const started = performance.now();
      exitCodes.push(name === 'e2e' ? await runE2eFiles(env) : await runNodeTests(SUITE_GLOBS[name], FILES_AT_ONCE, env));
      const concurrency =
        name === 'e2e' ? `${FILES_AT_ONCE} at once where they judge no timing, the others alone` : `${FILES_AT_ONCE} files at once`;
      say(`${name} tests took ${Math.round((performance.now() - started) / 1000)} s (${concurrency})`);
    }
  }
  return exitCodes.find((code) => code !== 0) ?? 0;
}

let exitCode = 1;
if (!needsDatabases) {
  exitCode = await runTests({});
  await rm(dataDir, { recursive: true, force: true });
  process.exit(exitCode);
}
const postgres = await startEmbeddedPostgres({
  dataDir: path.join(dataDir, 'postgres'),
  port: await freePort(),
  onLog: () => undefined,
  notice: say,
});
try {
  const mongoServer = process.env['MONGO_SERVER'];
  const mongo = await provideMongo(
    {
      url: process.env['MONGO_URL'],
      server: mongoServer === 'mongod' || mongoServer === 'standin' ? mongoServer : 'auto',
      port: await freePort(),
      dataDir: path.join(dataDir, 'mongo'),
    },
    infrastructure,
    say,
  );
  say(`PostgreSQL (embedded) and MongoDB (${mongo.source}) are up`);
  try {
    exitCode = await runTests({ TEST_POSTGRES_URL: postgres.url, TEST_MONGO_URL: mongo.url, TEST_MONGO_SOURCE: mongo.source });
  } finally {
    await mongo.stop();
  }
} finally {
  await infrastructure.stopAll();
  await postgres.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);

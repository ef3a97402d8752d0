/**
 * `npm test`: starts the databases the tests need once (an embedded PostgreSQL in a fresh
 * folder, and MongoDB from MONGO_URL, a real mongod or the offline stand-in), then runs the
 * panel's component tests (Vitest) and every compiled test file with Node's test runner, and
 * stops the databases again. `--suite=unit|e2e|k8s` runs one suite (`npm run test:unit`, ...):
 * the unit tests beside the code (and the panel's), the whole-stack tests of e2e/, or the chart
 * and manifest checks (which need no database). `npm test -- <files>` runs only those files.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { provideMongo } from './mongo.js';
import { REPO_ROOT } from './paths.js';
import { freePort } from './ports.js';
import { ProcessGroup } from './processes.js';
import { runAtOnce, runInLane, runNodeTests, sharesTheMachine, type Lane } from './test-lanes.js';

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

const dataDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-test-'));
const infrastructure = new ProcessGroup(
  (name, line) => {
    if (process.env['TEST_VERBOSE']) console.log(`[${name}] ${line}`);
  },
  (name, code) => say(`${name} exited with code ${code}`),
);

/**
 * How many test files of the background lane run at once: as many as there are cores. The unit tests
 * each use a database of their own (a random name on the shared servers), the chart checks render
 * with helm into their own folders, and the e2e files of the background lane judge no timing.
 */
const FILES_AT_ONCE = availableParallelism();

/**
 * The whole-stack test files: the compiled twin of each test in e2e/src (an output left in e2e/dist
 * by a test since removed is not run).
 */
async function e2eFiles(): Promise<string[]> {
  return (await readdir(path.join(REPO_ROOT, 'e2e', 'src')))
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => path.join('e2e', 'dist', name.replace(/\.ts$/, '.js')));
}

/** Runs each e2e file with a runner of its own in `lane`, `atOnce` at a time, telling each one's time; the first failing exit code. */
async function runE2eFiles(
  files: readonly string[],
  lane: Lane,
  atOnce: number,
  env: NodeJS.ProcessEnv,
  output: 'inherit' | 'after',
): Promise<number> {
  const codes = await runAtOnce(files, atOnce, async (file) => {
    const started = performance.now();
    const code = await runNodeTests({ files: [file], concurrency: 1, timeoutMs: TEST_TIMEOUT_MS, env, cwd: REPO_ROOT, lane, output });
    say(`${file}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${Math.round((performance.now() - started) / 1000)} s`);
    return code;
  });
  return codes.find((code) => code !== 0) ?? 0;
}

/** Runs `work`, then tells how long `what` took; its exit code. */
async function timed(what: string, work: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const code = await work();
  say(`${what} took ${Math.round((performance.now() - started) / 1000)} s`);
  return code;
}

/**
 * Runs the suites in two lanes at once (test-lanes.ts): the e2e files that judge a timing one at a
 * time in the timing lane; in the background lane, one after the other, the panel's component tests
 * (Vitest, jsdom), the unit tests, the e2e files that judge no timing and the chart checks, each
 * FILES_AT_ONCE files at once. Files named on the command line run one at a time, alone. The first
 * failing exit code, once every lane has run.
 */
async function runTests(env: NodeJS.ProcessEnv): Promise<number> {
  const runEnv = { ...process.env, ...env };
  if (fileArguments.length > 0) {
    return runNodeTests({
      files: fileArguments,
      concurrency: 1,
      timeoutMs: TEST_TIMEOUT_MS,
      env: runEnv,
      cwd: REPO_ROOT,
      lane: 'timing',
      output: 'inherit',
    });
  }
  const e2e = suites.includes('e2e') ? await e2eFiles() : [];
  const timingFiles = e2e.filter((file) => !sharesTheMachine(file));
  // With a timing lane beside it, the background's reports are printed whole as each command ends.
  const output = timingFiles.length > 0 ? 'after' : 'inherit';
  const background = async () => {
    const codes: number[] = [];
    if (runsPanelTests) {
      const vitest = path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
      codes.push(
        await timed("the panel's component tests", () =>
          runInLane([process.execPath, vitest, 'run'], { cwd: path.join(REPO_ROOT, 'web'), env: runEnv, lane: 'background', output }),
        ),
      );
    }
    for (const name of suites) {
      const suiteRun = {
        concurrency: FILES_AT_ONCE,
        timeoutMs: TEST_TIMEOUT_MS,
        env: runEnv,
        cwd: REPO_ROOT,
        lane: 'background',
        output,
      } as const;
      if (name === 'e2e') {
        const shared = e2e.filter(sharesTheMachine);
        codes.push(
          await timed(`the e2e tests that judge no timing (${FILES_AT_ONCE} at once)`, () =>
            runE2eFiles(shared, 'background', FILES_AT_ONCE, runEnv, 'after'),
          ),
        );
      } else {
        codes.push(
          await timed(`${name} tests (${FILES_AT_ONCE} files at once)`, () => runNodeTests({ ...suiteRun, files: SUITE_GLOBS[name] })),
        );
      }
    }
    return codes.find((code) => code !== 0) ?? 0;
  };
  const timing = () =>
    timed('the e2e tests that judge a timing (one at a time)', () => runE2eFiles(timingFiles, 'timing', 1, runEnv, 'after'));
  const codes = await timed('all the tests', async () => {
    const results = await Promise.all([timingFiles.length > 0 ? timing() : Promise.resolve(0), background()]);
    return results.find((code) => code !== 0) ?? 0;
  });
  return codes;
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

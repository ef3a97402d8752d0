/**
 * How `npm test` shares a machine of a few cores. Most whole-stack test files (e2e/) judge a
 * latency, an event-loop stall, a p99 or a Sentry threshold of the stack they start: they run one at
 * a time, at normal CPU priority, in the timing lane. Everything else runs meanwhile in the
 * background lane at a lower CPU priority (`BACKGROUND_NICENESS_STEP`): the panel's component tests, the
 * unit tests, the e2e files named in `SHARES_THE_MACHINE` (they judge no timing a busy machine could
 * tip: answers, codes, traces, spans, the heap after a collection, deadlines of many seconds) and the
 * chart checks. The kernel gives the background what the timing file leaves idle, and under
 * contention about a tenth of what it gives the timing file. A new e2e file is in the timing lane
 * until it is listed here.
 */
import { spawn } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';

/** e2e test files (by name in e2e/src) that may run beside another, with what they judge. */
export const SHARES_THE_MACHINE: Readonly<Record<string, string>> = {
  'about.test.ts': 'what GET /about reports',
  'bet-idempotency.test.ts': 'one debit per idempotency key, whatever the retries',
  'config-errors.test.ts': 'the one line a malformed variable prints at start-up',
  'database-outage.test.ts': 'the coded error when the game database goes away',
  'envelope-items.test.ts': 'envelope framing (no stack)',
  'envelope-secrets.test.ts': 'that no envelope carries a secret',
  'federation.test.ts': 'answers and errors of the federated API',
  'federation-waterfall.test.ts': 'the order of fetches in the query plan and their spans',
  'gateway-fuzz.test.ts': 'a coded answer to each hostile request (deadline 20 s each)',
  'heap-growth.test.ts': "the slow twin's heap event past a threshold far above the fixed twin's heap",
  'insights-spans.test.ts': 'the span data Sentry Insights reads',
  'internal-routes.test.ts': 'the answers of the internal routes',
  'jaeger-trace.test.ts': 'the trace Jaeger holds',
  'memory-leak.test.ts': 'the heap after a full collection, and the cache spans',
  'mongo-standin-persistence.test.ts': 'the stand-in keeps its data across a restart',
  'npm-start.test.ts': 'npm start gets ready and stops clean (deadline 90 s)',
  'npm-start-again.test.ts': 'a second npm start skips seeding (deadline 120 s)',
  'panel-bundle.test.ts': 'the size of the panel bundle',
  'profiles.test.ts': "the profile's hottest frame, whatever the load beside it",
  'profiles-spotlight.test.ts': 'a profile chunk reaches Spotlight',
  'sampling.test.ts': 'which requests are traced at rate 0',
  'shell-examples.test.ts': 'the shell example parser (no stack)',
  'spotlight-privacy.test.ts': 'the hosts the Spotlight page contacts',
  'tracing.test.ts': 'one trace id across every service',
};

export type Lane = 'timing' | 'background';

/**
 * How much lower the background lane's CPU priority is than `npm test`'s own (nice 10 from the usual
 * 0: a weight of 110 against 1024, about a tenth of a core when both lanes want it), inherited by
 * every process the lane starts.
 */
export const BACKGROUND_NICENESS_STEP = 10;
/** The lowest priority there is (POSIX niceness 19). */
const LOWEST_PRIORITY = 19;

/** The niceness of a process started in `lane` by this one. */
export function nicenessOf(lane: Lane): number {
  const own = getPriority();
  return lane === 'background' ? Math.min(LOWEST_PRIORITY, own + BACKGROUND_NICENESS_STEP) : own;
}

/** Whether an e2e file (a path or name, in src as .ts or dist as .js) may run beside another. */
export function sharesTheMachine(file: string): boolean {
  const name = file.split('/').at(-1)!.replace(/\.js$/, '.ts');
  return Object.hasOwn(SHARES_THE_MACHINE, name);
}

/** Runs `run` on every item, `atOnce` at a time; the results in the order of `items`. */
export async function runAtOnce<T>(items: readonly string[], atOnce: number, run: (item: string) => Promise<T>): Promise<T[]> {
  const results = new Map<string, T>();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      results.set(item, await run(item));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, atOnce) }, worker));
  return items.map((item) => results.get(item)!);
}

/** How a test command runs: where, with what environment, in which lane, and where its report goes. */
export interface LaneProcess {
  cwd: string;
  env: NodeJS.ProcessEnv;
  lane: Lane;
  /**
   * 'inherit' streams the report; 'after' keeps it and prints it whole once the command ends, so
   * that reports of commands side by side do not interleave.
   */
  output: 'inherit' | 'after';
}

export interface NodeTestRun extends LaneProcess {
  /** Test files, or globs, for Node's test runner. */
  files: readonly string[];
  /** How many of them run at once. */
  concurrency: number;
  /** Every test and suite that sets no timeout of its own fails after this long. */
  timeoutMs: number;
}

/** Runs `command` (the runner, or any test command) in `lane`; its exit code. */
export async function runInLane(command: readonly string[], run: LaneProcess): Promise<number> {
  const runner = spawn(command[0]!, command.slice(1), {
    cwd: run.cwd,
    stdio: run.output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: run.env,
  });
  // Set as the command starts: every process it starts later (each test file, the stacks they start) inherits it.
  if (run.lane === 'background' && runner.pid !== undefined) setPriority(runner.pid, nicenessOf('background'));
  const report: Buffer[] = [];
  runner.stdout?.on('data', (chunk: Buffer) => report.push(chunk));
  runner.stderr?.on('data', (chunk: Buffer) => report.push(chunk));
  const code = await new Promise<number>((resolve) => runner.once('close', (exitCode) => resolve(exitCode ?? 1)));
  if (report.length > 0) process.stdout.write(Buffer.concat(report));
  return code;
}

/** Runs test files with Node's test runner (the spec reporter) in `run.lane`; its exit code. */
export function runNodeTests(run: NodeTestRun): Promise<number> {
  return runInLane(
    [
      process.execPath,
      '--test',
      `--test-concurrency=${run.concurrency}`,
      `--test-timeout=${run.timeoutMs}`,
      '--test-reporter=spec',
      ...run.files,
    ],
    run,
  );
}

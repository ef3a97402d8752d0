/**
 * How `npm test` runs the whole-stack test files (e2e/): most of them judge a latency, an
 * event-loop stall, a p99 or a deadline of the stack they start, so they run with nothing beside
 * them. The files named in `SHARES_THE_MACHINE` judge no timing a busy machine could tip (answers,
 * codes, traces, spans, the heap after a collection, deadlines of many seconds): they run side by
 * side, `lanes` at once, before the others. A new file runs alone until it is listed here.
 */

/** e2e test files (by name in e2e/src) that may run beside another, with what they judge. */
export const SHARES_THE_MACHINE: Readonly<Record<string, string>> = {
  'about.test.ts': 'what GET /about reports',
  'bet-idempotency.test.ts': 'one debit per idempotency key, whatever the retries',
  'config-errors.test.ts': 'the one line a malformed variable prints at start-up',
  'database-outage.test.ts': 'the coded error when the game database goes away',
  'documented-commands.test.ts': 'that every documented shell example runs',
  'envelope-items.test.ts': 'envelope framing (no stack)',
  'envelope-secrets.test.ts': 'that no envelope carries a secret',
  'fault-subgraph.test.ts': 'UPSTREAM_UNAVAILABLE while a subgraph is down (deadline 15 s)',
  'federation.test.ts': 'answers and errors of the federated API',
  'federation-waterfall.test.ts': 'the order of fetches in the query plan and their spans',
  'gateway-fuzz.test.ts': 'a coded answer to each hostile request (deadline 20 s each)',
  'insights-spans.test.ts': 'the span data Sentry Insights reads',
  'internal-routes.test.ts': 'the answers of the internal routes',
  'jaeger-trace.test.ts': 'the trace Jaeger holds',
  'memory-leak.test.ts': 'the heap after a full collection, and the cache spans',
  'mongo-standin-persistence.test.ts': 'the stand-in keeps its data across a restart',
  'npm-start.test.ts': 'npm start gets ready and stops clean (deadline 90 s)',
  'npm-start-again.test.ts': 'a second npm start skips seeding (deadline 120 s)',
  'graceful-shutdown.test.ts': 'the request in flight answered and exit 0 on SIGTERM (deadline 10 s)',
  'panel-bundle.test.ts': 'the size of the panel bundle',
  'profiles.test.ts': "the profile's hottest frame, whatever the load beside it",
  'profiles-spotlight.test.ts': 'a profile chunk reaches Spotlight',
  'sampling.test.ts': 'which requests are traced at rate 0',
  'shell-examples.test.ts': 'the shell example parser (no stack)',
  'spotlight-privacy.test.ts': 'the hosts the Spotlight page contacts',
  'tracing.test.ts': 'one trace id across every service',
};

/** Whether an e2e file (a path or name, in src as .ts or dist as .js) may run beside another. */
export function sharesTheMachine(file: string): boolean {
  const name = file.split('/').at(-1)!.replace(/\.js$/, '.ts');
  return Object.hasOwn(SHARES_THE_MACHINE, name);
}

/**
 * Runs every file with `run`: those that share the machine `lanes` at once, then the others one at a
 * time with nothing beside them. The exit codes in the order of `files`.
 */
export async function runInLanes(files: readonly string[], lanes: number, run: (file: string) => Promise<number>): Promise<number[]> {
  const codes = new Map<string, number>();
  const shared = files.filter(sharesTheMachine);
  let next = 0;
  const lane = async () => {
    while (next < shared.length) {
      const file = shared[next++]!;
      codes.set(file, await run(file));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
  for (const file of files.filter((candidate) => !sharesTheMachine(candidate))) codes.set(file, await run(file));
  return files.map((file) => codes.get(file)!);
}

/**
 * `npm run bench:slow-flood` (not in CI; about six minutes): can a flood of slow-variant clients
 * starve a scenario's fixed twin? For each scenario of the catalog in turn (or of FLOOD_SCENARIOS), FLOOD_FIXED_CLIENTS
 * closed loops send its fixed operation for FLOOD_SECONDS alone, then FLOOD_SECONDS again while
 * FLOOD_SLOW_CLIENTS clients loop its slow operation (after SLOW_VARIANT_BUSY they wait
 * FLOOD_BUSY_BACKOFF_MS, as the error asks), FLOOD_ROUNDS times in turn, so that a drift of the
 * machine during the run weighs on both sides alike. The slow clients run on a thread of their
 * own (`slow-clients-thread.ts`). The fixed twin's p99 beside the flood (all rounds' samples) must
 * stay within 3x of its p99 alone; the slow clients' answers are counted by outcome (ok,
 * SLOW_VARIANT_BUSY, the scenario's own error such as LOOP_GUARD_TRIPPED).
 *
 * The scenarios run one after another on one stack, so each service's CPU budget for blocking
 * slow variants (SLOW_VARIANT_CPU_BUDGET_MS per SLOW_VARIANT_CPU_WINDOW_MS) carries over from one
 * scenario to the next of the same service, as it would in production.
 *
 * Writes bench/results-slow-flood.json and exits 1 when a fixed twin's p99 ratio is above 3.
 * Loopback only.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchCatalog, type CatalogScenario } from '@trace-arcade/loadgen';
import { operationFor, SCENARIO_HEADER } from '@trace-arcade/scenarios';
import { seedSizeFromEnv } from '@trace-arcade/seed-data';
import { REPO_ROOT } from '@trace-arcade/stack';
import { benchExitCode } from './bench-failure.js';
import { startBenchServers, type BenchServers } from './bench-stack.js';
import { runClosedLoop, type ClosedLoopSample } from './closed-loop.js';
import { wholeNumber } from '@trace-arcade/seed-data';
import { loadAverage1m, machineDescription } from './machine.js';
import { startSlowFloodThread } from './slow-clients-thread.js';
import { countOutcomes, type SlowOutcome } from './slow-clients.js';
import { percentile, round } from './stats.js';

const say = (line: string) => console.log(`[slow-flood] ${line}`);

const settings = {
  seconds: wholeNumber(process.env, 'FLOOD_SECONDS', 5, 2, 120),
  rounds: wholeNumber(process.env, 'FLOOD_ROUNDS', 3, 1, 20),
  fixedClients: wholeNumber(process.env, 'FLOOD_FIXED_CLIENTS', 2, 1, 16),
  slowClients: wholeNumber(process.env, 'FLOOD_SLOW_CLIENTS', 24, 1, 64),
  busyBackoffMs: wholeNumber(process.env, 'FLOOD_BUSY_BACKOFF_MS', 100, 0, 10_000),
  paymentLatencyMs: wholeNumber(process.env, 'PAYMENT_LATENCY_MS', 600, 0, 10_000),
  dataSet: seedSizeFromEnv({ SEED_PLAYERS: '200', SEED_ROUNDS: '10000', ...process.env }),
  /** Comma-separated scenario names to measure; every scenario of the catalog when unset. */
  scenarios: process.env['FLOOD_SCENARIOS']
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean),
};
const REQUEST_TIMEOUT_MS = 30_000;
const P99_TOLERANCE = 3;
const WARM_UP_REQUESTS = 20;
/** How long a scenario's fixed twin may take to answer again after the previous flood. */
const SETTLE_LIMIT_MS = 60_000;
/** A pause between a round's flood and the next round alone. */
const ROUND_PAUSE_MS = 500;

/** Sends `scenario`'s fixed operation; an answer with errors throws. */
function fixedSender(gatewayUrl: string, scenario: CatalogScenario) {
  const { operation, variables } = operationFor(scenario, 'fixed');
  return async () => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SCENARIO_HEADER]: `${scenario.name}=fixed` },
      body: JSON.stringify({ query: operation, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    if (!response.ok || body.errors) throw new Error(body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`);
  };
}

function latency(samples: readonly ClosedLoopSample[]) {
  const ok = samples.filter((sample) => sample.error === undefined).map((sample) => sample.ms);
  const errors: Record<string, number> = {};
  for (const { error } of samples) if (error !== undefined) errors[error] = (errors[error] ?? 0) + 1;
  return {
    requests: samples.length,
    errors,
    p50Ms: ok.length ? round(percentile(ok, 50)) : null,
    p99Ms: ok.length ? round(percentile(ok, 99)) : null,
  };
}

async function floodRow(gatewayUrl: string, scenario: CatalogScenario) {
  const send = fixedSender(gatewayUrl, scenario);
  // Warm-up, and the end of the previous flood: a service may still work through requests the gateway gave up on.
  const settleBy = performance.now() + SETTLE_LIMIT_MS;
  for (let ok = 0; ok < WARM_UP_REQUESTS;) {
    ok = await send().then(
      () => ok + 1,
      (error: unknown) => {
        if (performance.now() > settleBy) throw error;
        return 0;
      },
    );
  }
  const fixedLoop = async () =>
    (
      await runClosedLoop({
        clients: settings.fixedClients,
        durationMs: settings.seconds * 1000,
        next: () => ({ name: scenario.name, send }),
      })
    ).samples;
  const aloneSamples: ClosedLoopSample[] = [];
  const besideSamples: ClosedLoopSample[] = [];
  const slow: SlowOutcome[] = [];
  let slowSeconds = 0;
  for (let turn = 0; turn < settings.rounds; turn++) {
    aloneSamples.push(...(await fixedLoop()));
    const slowStarted = performance.now();
    const flood = startSlowFloodThread({
      gatewayUrl,
      scenarios: [scenario],
      clients: settings.slowClients,
      busyBackoffMs: settings.busyBackoffMs,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    besideSamples.push(...(await fixedLoop()));
    // Every slow request answered before the next round alone: none of them may weigh on it.
    slow.push(...(await flood.stop()));
    slowSeconds += (performance.now() - slowStarted) / 1000;
    await sleep(ROUND_PAUSE_MS);
  }
  const alone = latency(aloneSamples);
  const beside = latency(besideSamples);
  const ratio = alone.p99Ms && beside.p99Ms ? round(beside.p99Ms / alone.p99Ms, 2) : null;
  return {
    scenario: scenario.name,
    alone,
    beside,
    p99BesideOverAlone: ratio,
    slow: { requests: slow.length, seconds: round(slowSeconds), outcomes: countOutcomes(slow) },
  };
}

const pad = (value: string | number | null | undefined, width: number) => String(value ?? '-').padStart(width);
const lines: string[] = [];
const log = (name: string, line: string) => lines.push(`[${name}] ${line}`);
const loadBefore = loadAverage1m();
const started = performance.now();
let servers: BenchServers | undefined;
const exitCode = await benchExitCode(
  async () => {
    servers = await startBenchServers('slow-flood', say, log);
    say(`seeding ${settings.dataSet.players} players and ${settings.dataSet.rounds} rounds (MongoDB: ${servers.mongoSource})`);
    const databases = await servers.seed({ users: 'flood_users', game: 'flood_game', analytics: 'flood_analytics' }, settings.dataSet);
    const stack = await servers.startStack(databases, {
      paymentLatencyMs: settings.paymentLatencyMs,
      tracing: { SENTRY_DSN: '', SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: '0' },
    });
    try {
      const catalog = await fetchCatalog(stack.gatewayUrl);
      const unknown = settings.scenarios?.filter((name) => !catalog.some((scenario) => scenario.name === name)) ?? [];
      if (unknown.length > 0) throw new Error(`FLOOD_SCENARIOS: expected names of the catalog; got ${unknown.join(', ')}`);
      const scenarios = settings.scenarios ? catalog.filter((scenario) => settings.scenarios!.includes(scenario.name)) : catalog;
      say(
        `per scenario, ${settings.rounds} rounds of: ${settings.fixedClients} fixed clients for ${settings.seconds} s alone, then ${settings.seconds} s beside ${settings.slowClients} slow clients`,
      );
      const rows = [];
      for (const scenario of scenarios) {
        const row = await floodRow(stack.gatewayUrl, scenario);
        say(
          `${scenario.name}: fixed p50/p99 ${row.alone.p50Ms}/${row.alone.p99Ms} ms alone, ${row.beside.p50Ms}/${row.beside.p99Ms} ms beside the flood (${row.p99BesideOverAlone}x); slow ${JSON.stringify(row.slow.outcomes)}`,
        );
        rows.push(row);
        await sleep(1000);
      }
      console.log(
        `\nscenario               fixed alone p50/p99 ms   beside ${settings.slowClients} slow p50/p99 ms   p99 ratio   slow ok   busy   other`,
      );
      for (const row of rows) {
        const { ok = 0, SLOW_VARIANT_BUSY: busy = 0 } = row.slow.outcomes;
        console.log(
          `${row.scenario.padEnd(22)} ${pad(`${row.alone.p50Ms} / ${row.alone.p99Ms}`, 22)} ${pad(`${row.beside.p50Ms} / ${row.beside.p99Ms}`, 27)} ${pad(row.p99BesideOverAlone, 11)} ${pad(ok, 9)} ${pad(busy, 6)} ${pad(row.slow.requests - ok - busy, 7)}`,
        );
      }
      const verdicts = {
        fixedP99Within3x: rows.every((row) => row.p99BesideOverAlone !== null && row.p99BesideOverAlone <= P99_TOLERANCE),
        noFixedErrors: rows.every((row) => Object.keys(row.alone.errors).length + Object.keys(row.beside.errors).length === 0),
      };
      console.log(`\nverdicts: ${JSON.stringify(verdicts)}`);
      const results = {
        date: new Date().toISOString(),
        machine: { ...machineDescription(servers.mongoSource), loadAverage1m: { before: loadBefore, after: loadAverage1m() } },
        settings: { ...settings, requestTimeoutMs: REQUEST_TIMEOUT_MS },
        rows,
        verdicts,
        runSeconds: round((performance.now() - started) / 1000),
      };
      writeFileSync(path.join(REPO_ROOT, 'bench', 'results-slow-flood.json'), `${JSON.stringify(results, null, 2)}\n`);
      say(`wrote bench/results-slow-flood.json (whole run ${results.runSeconds} s)`);
      return Object.values(verdicts).every(Boolean) ? 0 : 1;
    } finally {
      await stack.stop();
    }
  },
  { say, lines, stop: async () => await servers?.stop() },
);
process.exit(exitCode);

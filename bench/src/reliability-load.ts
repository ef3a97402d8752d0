/**
 * `npm run reliability:load` (not in CI; about five minutes): does the stack hold a steady load, and
 * do the fixed requests keep their latency while someone hammers the slow variants?
 *
 * Starts the stack on fresh embedded databases, warms it up, then drives the load generator's
 * open-loop schedule (loadgen/src/run-load.ts) at LOAD_RATE requests per second on every
 * scenario's fixed variant for LOAD_DURATION_S (every other scenario fixed too, through
 * SCENARIO_DEFAULTS): errors (must be 0), p50/p99, and each service's
 * resident memory (VmRSS) after the warm-up and at the end (within 10 %). Then the same schedule
 * again with SLOW_CLIENTS clients alongside, each looping the scenarios' slow variants (closed
 * loop; after a SLOW_VARIANT_BUSY answer it waits BUSY_BACKOFF_MS, as the error asks): the fixed
 * requests' p99 must stay within 2x of the first run. SLOW_VARIANT_BUSY answers to the slow
 * clients are counted apart: they are the concurrency cap doing its job.
 *
 * Prints a table and writes bench/results-reliability.json. Exits 1 when a criterion fails.
 * Loopback only: the databases, the services and the envelope sink all listen on 127.0.0.1.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMix, fetchCatalog, LoadStats, runLoad, type CatalogScenario, type Sample } from '@trace-arcade/loadgen';
import { seedSizeFromEnv, wholeNumber } from '@trace-arcade/seed-data';
import { REPO_ROOT } from '@trace-arcade/stack';
import { benchExitCode } from './bench-failure.js';
import { startBenchServers, type BenchServers } from './bench-stack.js';
import { startDiscardingEnvelopeSink } from './envelope-sink.js';
import { loadAverage1m, machineDescription } from './machine.js';
import { childRssKiB } from './process-memory.js';
import { runSlowClients, type SlowOutcome } from './slow-clients.js';
import { percentile, round } from './stats.js';

const say = (line: string) => console.log(`[reliability] ${line}`);

/** `none` (no DSN: the SDK stays idle) or a sample rate, with every envelope sent to a local sink that drops it. */
function tracingVariable(): number | 'none' {
  const raw = process.env['RELIABILITY_TRACING'] ?? 'none';
  if (raw === 'none') return 'none';
  const rate = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new Error(`RELIABILITY_TRACING: expected none or a sample rate from 0 to 1; got ${JSON.stringify(raw)}`);
  }
  return rate;
}

const settings = {
  rate: wholeNumber(process.env, 'LOAD_RATE', 100, 1, 1000),
  durationS: wholeNumber(process.env, 'LOAD_DURATION_S', 60, 5, 600),
  /** Long enough for each service's heap to settle (measured: about 40 s at 50 requests/s), so that memory is compared at steady state. */
  warmUpS: wholeNumber(process.env, 'WARM_UP_S', 60, 1, 300),
  slowClients: wholeNumber(process.env, 'SLOW_CLIENTS', 4, 1, 32),
  busyBackoffMs: wholeNumber(process.env, 'BUSY_BACKOFF_MS', 100, 0, 10_000),
  paymentLatencyMs: wholeNumber(process.env, 'PAYMENT_LATENCY_MS', 600, 0, 10_000),
  tracing: tracingVariable(),
  /** Small by default: on the MongoDB stand-in (no indexes) every aggregation scans every round. */
  dataSet: seedSizeFromEnv({ SEED_PLAYERS: '200', SEED_ROUNDS: '10000', ...process.env }),
};
const REQUEST_TIMEOUT_MS = 30_000;
const SETTLE_MS = 2000;
const MEMORY_TOLERANCE = 0.1;
const P99_TOLERANCE = 2;
/** The Node binary the services run on, as /proc shows it. */
const NODE = realpathSync(process.execPath);

/** A finished request and when it was sent (ms since the run started). */
type TimedSample = Sample & { sentAtMs: number };

/** The load generator's statistics, keeping every sample (with its send time) for what the summary does not give. */
class RecordingStats extends LoadStats {
  readonly samples: TimedSample[] = [];
  readonly #started = performance.now();

  override record(sample: Sample): void {
    super.record(sample);
    this.samples.push({ ...sample, sentAtMs: performance.now() - sample.ms - this.#started });
  }
}

const WINDOW_MS = 10_000;

interface LatencySummary {
  requests: number;
  errors: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

function latency(samples: readonly { ms: number; error?: string }[]): LatencySummary {
  const ok = samples.filter((sample) => sample.error === undefined).map((sample) => sample.ms);
  return {
    requests: samples.length,
    errors: samples.length - ok.length,
    p50Ms: ok.length ? round(percentile(ok, 50)) : null,
    p99Ms: ok.length ? round(percentile(ok, 99)) : null,
  };
}

interface RunSummary extends LatencySummary {
  /** From the first request to the last answer (the schedule, then the requests still in flight). */
  elapsedS: number;
  byScenario: Record<string, LatencySummary>;
  /** Up to five distinct errors, with how often each was seen. */
  errorsSeen: Record<string, number>;
  /** Per 10 s of the schedule (by send time): whether latency holds or a queue builds up. */
  byWindow: (LatencySummary & { fromS: number })[];
}

function summarizeRun(samples: readonly TimedSample[], elapsedMs: number): RunSummary {
  const names = [...new Set(samples.map((sample) => sample.scenario))].sort();
  const errorsSeen: Record<string, number> = {};
  for (const sample of samples) {
    if (sample.error === undefined) continue;
    if (errorsSeen[sample.error] !== undefined || Object.keys(errorsSeen).length < 5)
      errorsSeen[sample.error] = (errorsSeen[sample.error] ?? 0) + 1;
  }
  return {
    ...latency(samples),
    elapsedS: round(elapsedMs / 1000),
    byScenario: Object.fromEntries(names.map((name) => [name, latency(samples.filter((sample) => sample.scenario === name))])),
    errorsSeen,
    byWindow: Array.from({ length: Math.ceil(Math.max(...samples.map((s) => s.sentAtMs), 0) / WINDOW_MS) || 1 }, (_, index) => ({
      fromS: (index * WINDOW_MS) / 1000,
      ...latency(samples.filter((sample) => Math.floor(sample.sentAtMs / WINDOW_MS) === index)),
    })),
  };
}

/** The fixed schedule for `durationMs`: every scenario's fixed variant in turn, at `settings.rate`. */
async function fixedRun(gatewayUrl: string, scenarios: CatalogScenario[], durationMs: number): Promise<RunSummary> {
  const stats = new RecordingStats();
  const started = performance.now();
  await runLoad(
    {
      gatewayUrl,
      ratePerSecond: settings.rate,
      durationMs,
      maxRequests: Math.ceil((settings.rate * durationMs) / 1000),
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      scenarioNames: scenarios.map((scenario) => scenario.name),
    },
    createMix(scenarios, 0),
    stats,
  );
  return summarizeRun(stats.samples, performance.now() - started);
}

/** `settings.slowClients` closed loops over the scenarios' slow variants until `signal` aborts. */
function slowClients(gatewayUrl: string, scenarios: CatalogScenario[], signal: AbortSignal): Promise<SlowOutcome[]> {
  return runSlowClients(gatewayUrl, scenarios, {
    clients: settings.slowClients,
    busyBackoffMs: settings.busyBackoffMs,
    timeoutMs: REQUEST_TIMEOUT_MS,
    signal,
  });
}

function summarizeSlow(outcomes: readonly SlowOutcome[]) {
  const count = (keep: (outcome: string) => boolean) => outcomes.filter((o) => keep(o.outcome)).length;
  const other: Record<string, number> = {};
  for (const { outcome } of outcomes) if (outcome !== 'ok' && outcome !== 'SLOW_VARIANT_BUSY') other[outcome] = (other[outcome] ?? 0) + 1;
  const names = [...new Set(outcomes.map((o) => o.scenario))].sort();
  return {
    requests: outcomes.length,
    ok: count((o) => o === 'ok'),
    slowVariantBusy: count((o) => o === 'SLOW_VARIANT_BUSY'),
    otherErrors: outcomes.length - count((o) => o === 'ok' || o === 'SLOW_VARIANT_BUSY'),
    otherErrorsSeen: other,
    byScenario: Object.fromEntries(
      names.map((name) => {
        const mine = outcomes.filter((o) => o.scenario === name);
        const ok = mine.filter((o) => o.outcome === 'ok').map((o) => o.ms);
        return [
          name,
          {
            requests: mine.length,
            ok: ok.length,
            slowVariantBusy: mine.filter((o) => o.outcome === 'SLOW_VARIANT_BUSY').length,
            p50MsOk: ok.length ? round(percentile(ok, 50)) : null,
          },
        ];
      }),
    ),
  };
}

/** Resident MiB of each service, by folder. */
function memoryMiB(): Record<string, number> {
  const kib = childRssKiB(process.pid, NODE, REPO_ROOT);
  return Object.fromEntries([...kib].sort(([a], [b]) => a.localeCompare(b)).map(([folder, value]) => [folder, round(value / 1024)]));
}

const pad = (value: string | number | null | undefined, width: number) => String(value ?? '-').padStart(width);

const lines: string[] = [];
const log = (name: string, line: string) => lines.push(`[${name}] ${line}`);
const loadBefore = loadAverage1m();
const runStarted = performance.now();
let servers: BenchServers | undefined;
let sink: Awaited<ReturnType<typeof startDiscardingEnvelopeSink>> | undefined;
const exitCode = await benchExitCode(
  async () => {
    servers = await startBenchServers('reliability', say, log);
    say(`seeding ${settings.dataSet.players} players and ${settings.dataSet.rounds} rounds (MongoDB: ${servers.mongoSource})`);
    const databases = await servers.seed(
      { users: 'reliability_users', game: 'reliability_game', analytics: 'reliability_analytics' },
      settings.dataSet,
    );
    if (settings.tracing !== 'none') sink = await startDiscardingEnvelopeSink();
    const tracingEnv =
      settings.tracing === 'none' || !sink
        ? { SENTRY_DSN: '', SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: '0' }
        : { SENTRY_DSN: sink.dsn, SENTRY_SPOTLIGHT: '', SENTRY_TRACES_SAMPLE_RATE: String(settings.tracing) };
    const stack = await servers.startStack(databases, { paymentLatencyMs: settings.paymentLatencyMs, tracing: tracingEnv });
    try {
      const scenarios = await fetchCatalog(stack.gatewayUrl);
      const tracingLabel =
        settings.tracing === 'none' ? 'no DSN (tracing off)' : `sample rate ${settings.tracing}, envelopes to a local sink`;
      say(
        `${settings.rate} req/s on the fixed variants of ${scenarios.map((s) => s.name).join(', ')}; ${settings.warmUpS} s warm-up, ` +
          `then ${settings.durationS} s alone and ${settings.durationS} s beside ${settings.slowClients} slow-variant clients; tracing: ${tracingLabel}`,
      );
      // Each service's resident memory every 10 s, from the warm-up on: a leak climbs, a heap settling in levels off.
      const memoryTrend: { atS: number; mib: Record<string, number> }[] = [];
      const trendStarted = performance.now();
      const sampleMemory = () => memoryTrend.push({ atS: round((performance.now() - trendStarted) / 1000), mib: memoryMiB() });
      sampleMemory();
      const trend = setInterval(sampleMemory, 10_000);
      const warmUp = await fixedRun(stack.gatewayUrl, scenarios, settings.warmUpS * 1000);
      say(`warm-up: ${warmUp.requests} requests, ${warmUp.errors} errors, p99 ${warmUp.p99Ms} ms`);
      await sleep(SETTLE_MS);
      const memoryAfterWarmUp = memoryMiB();

      say(`fixed variants alone, ${settings.durationS} s`);
      const alone = await fixedRun(stack.gatewayUrl, scenarios, settings.durationS * 1000);
      await sleep(SETTLE_MS);
      const memoryAfterAlone = memoryMiB();

      say(`fixed variants beside ${settings.slowClients} slow-variant clients, ${settings.durationS} s`);
      const stopSlow = new AbortController();
      const slowDone = slowClients(stack.gatewayUrl, scenarios, stopSlow.signal);
      const beside = await fixedRun(stack.gatewayUrl, scenarios, settings.durationS * 1000);
      stopSlow.abort();
      const slow = summarizeSlow(await slowDone);
      await sleep(SETTLE_MS);
      const memoryAfterBurst = memoryMiB();
      clearInterval(trend);
      sampleMemory();

      const memory = Object.keys(memoryAfterWarmUp).map((folder) => {
        const warm = memoryAfterWarmUp[folder]!;
        const end = memoryAfterAlone[folder] ?? 0;
        return {
          process: folder,
          afterWarmUpMiB: warm,
          endOfFixedRunMiB: end,
          changePercent: round(((end - warm) / warm) * 100),
          endOfBurstRunMiB: memoryAfterBurst[folder] ?? null,
        };
      });
      const p99Ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? round(b / a, 2) : null);
      const p99Ratios = {
        all: p99Ratio(alone.p99Ms, beside.p99Ms),
        ...Object.fromEntries(
          Object.keys(alone.byScenario).map((name) => [name, p99Ratio(alone.byScenario[name]!.p99Ms, beside.byScenario[name]?.p99Ms)]),
        ),
      };
      const verdicts = {
        noErrorsAlone: alone.errors === 0,
        noErrorsOfFixedBesideSlow: beside.errors === 0,
        memoryWithin10Percent: memory.every((row) => Math.abs(row.changePercent) <= MEMORY_TOLERANCE * 100),
        fixedP99Within2x: Object.values(p99Ratios).every((ratio) => ratio !== null && ratio <= P99_TOLERANCE),
      };

      console.log('\nfixed variants                requests  errors  until last answer s   p50 ms   p99 ms   p99 with slow / alone');
      for (const [label, run] of [
        ['alone', alone],
        [`beside ${settings.slowClients} slow clients`, beside],
      ] as const) {
        console.log(
          `${label.padEnd(28)} ${pad(run.requests, 9)} ${pad(run.errors, 7)} ${pad(run.elapsedS, 19)} ${pad(run.p50Ms, 8)} ${pad(run.p99Ms, 8)}   ${run === beside ? `${p99Ratios.all}x` : ''}`,
        );
        console.log(`  p99 ms per 10 s: ${run.byWindow.map((window) => window.p99Ms ?? '-').join(', ')}`);
        for (const [name, row] of Object.entries(run.byScenario)) {
          const ratio = run === beside ? `${(p99Ratios as Record<string, number | null>)[name]}x` : '';
          console.log(
            `  ${name.padEnd(26)} ${pad(row.requests, 9)} ${pad(row.errors, 7)} ${''.padStart(19)} ${pad(row.p50Ms, 8)} ${pad(row.p99Ms, 8)}   ${ratio}`,
          );
        }
      }
      console.log(
        `\nslow-variant clients: ${slow.requests} requests, ${slow.ok} answered, ${slow.slowVariantBusy} SLOW_VARIANT_BUSY (expected), ${slow.otherErrors} other errors`,
      );
      for (const [name, row] of Object.entries(slow.byScenario)) {
        console.log(
          `  ${name.padEnd(26)} ${pad(row.requests, 6)} sent, ${pad(row.ok, 5)} answered (p50 ${row.p50MsOk} ms), ${pad(row.slowVariantBusy, 5)} busy`,
        );
      }
      console.log('\nresident memory (VmRSS, MiB)   after warm-up   end of fixed run   change   end of burst run');
      for (const row of memory) {
        console.log(
          `${row.process.padEnd(30)} ${pad(row.afterWarmUpMiB, 13)} ${pad(row.endOfFixedRunMiB, 18)} ${pad(`${row.changePercent} %`, 8)} ${pad(row.endOfBurstRunMiB, 18)}`,
        );
      }
      console.log('\nresident memory every 10 s from the start of the warm-up (MiB)');
      for (const folder of Object.keys(memoryAfterWarmUp)) {
        console.log(`${folder.padEnd(30)} ${memoryTrend.map((point) => Math.round(point.mib[folder] ?? 0)).join(' ')}`);
      }
      console.log(
        `\nverdicts: ${Object.entries(verdicts)
          .map(([name, ok]) => `${name} ${ok ? 'yes' : 'NO'}`)
          .join(', ')}\n`,
      );
      if (Object.keys(alone.errorsSeen).length) say(`errors, fixed alone: ${JSON.stringify(alone.errorsSeen)}`);
      if (Object.keys(beside.errorsSeen).length) say(`errors, fixed beside slow: ${JSON.stringify(beside.errorsSeen)}`);
      if (slow.otherErrors) say(`slow clients' other errors: ${JSON.stringify(slow.otherErrorsSeen)}`);

      const results = {
        date: new Date().toISOString(),
        machine: { ...machineDescription(servers.mongoSource), loadAverage1m: { before: loadBefore, after: loadAverage1m() } },
        settings: { ...settings, tracing: tracingLabel, requestTimeoutMs: REQUEST_TIMEOUT_MS },
        warmUp,
        fixedAlone: alone,
        fixedBesideSlow: beside,
        slowClients: slow,
        p99WithSlowOverAlone: p99Ratios,
        memory,
        memoryTrend,
        verdicts,
        runSeconds: round((performance.now() - runStarted) / 1000),
      };
      writeFileSync(path.join(REPO_ROOT, 'bench', 'results-reliability.json'), `${JSON.stringify(results, null, 2)}\n`);
      say(`wrote bench/results-reliability.json (whole run ${results.runSeconds} s)`);
      return Object.values(verdicts).every(Boolean) ? 0 : 1;
    } finally {
      await stack.stop();
    }
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
process.exit(exitCode);

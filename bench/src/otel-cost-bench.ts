/**
 * `npm run bench:otel-cost`: is tracing's cost Sentry's or tracing's own? The same stack and the same
 * closed-loop load (every scenario's fixed variant, no trace headers) with: no tracing; Sentry's SDK
 * at rates 0, 0.1 and 1; OpenTelemetry's SDK alone with the same instrumentations at the same rates
 * (otel-instrument.ts, OTLP protobuf); and Sentry with the services' OTLP export at rate 1. Rows run
 * forward then backward, each on a fresh stack on freshly seeded databases (tracing-cost-rows.ts);
 * everything is sent to one local sink that counts spans and drops them (tracing-sink.ts).
 * Prints a table and writes bench/results-otel_cost.json. Then, to see where the cost goes, Sentry
 * and OpenTelemetry at rate 1 once more, every service under `--cpu-prof`: the share of busy CPU in
 * each SDK's code, written to bench/results-otel_cost_profile.json. Loopback only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { operationFor } from '@trace-arcade/scenarios';
import { REPO_ROOT } from '@trace-arcade/stack';
import { OTEL_COST_ROWS, otelCostEnvironment, otelCostSettings, type OtelCostRow } from './otel-cost-settings.js';
import { round } from './stats.js';
import { costRows, runTracingCostBench } from './tracing-cost-rows.js';
import { startTracingSink } from './tracing-sink.js';
import { CODE_GROUPS, profileShares } from './v8-profile-shares.js';

/** The services whose CPU is reported one by one, by folder. */
const SERVICES = {
  gateway: 'gateway',
  users: 'subgraphs/users',
  game: 'subgraphs/game',
  analytics: 'subgraphs/analytics',
  payment: 'payment-provider',
} as const;

/** Sentry's path may cost at most this much more than OpenTelemetry's own at the same rate. */
const TARGET_RATIO = 1.2;

const settings = otelCostSettings();
const exitCode = await runTracingCostBench({
  name: 'otel_cost',
  rows: OTEL_COST_ROWS,
  settings,
  startSink: startTracingSink,
  environment: otelCostEnvironment,
  operationOf: (scenario) => operationFor(scenario, 'fixed'),
  describeItems: (counts) => `${counts.sentrySpans} Sentry spans, ${counts.otlpSpans} OTLP spans`,
  results: (pooled) => {
    const rows = costRows(pooled, ({ items, summary, cpuSeconds }) => ({
      sentrySpansPerRequest: round(items.sentrySpans / summary.requests, 1),
      otlpSpansPerRequest: round(items.otlpSpans / summary.requests, 1),
      /** CPU milliseconds per successful request of each service. */
      serviceCpuMsPerRequest: Object.fromEntries(
        Object.entries(SERVICES).map(([service, folder]) => [service, round(((cpuSeconds.get(folder) ?? 0) * 1000) / summary.requests, 2)]),
      ) as Record<keyof typeof SERVICES, number>,
    }));
    const baseline = rows[0]!.cpuMsPerRequest.allServices;
    const overhead = (label: string) => {
      const row = rows.find((candidate) => candidate.label === label);
      return row ? row.cpuMsPerRequest.allServices - baseline : undefined;
    };
    return rows.map((row) => {
      // Sentry's added CPU per request against OpenTelemetry's at the same rate.
      const otel = row.tracer === 'sentry' ? overhead(`otel ${row.sampleRate}`) : undefined;
      const sentry = overhead(row.label)!;
      return {
        ...row,
        addedCpuMsPerRequest: round(sentry, 2),
        sentryOverOtel: otel !== undefined && otel > 0 ? round(sentry / otel, 2) : null,
        meetsTarget: otel !== undefined && otel > 0 ? sentry / otel <= TARGET_RATIO : null,
      };
    });
  },
  printTable: (results) => {
    console.log(
      '\nrow             req/s  (per pass)     vs none  CPU ms/req: gateway  users   game  analytics  all   added  spans/req S/O  Sentry÷OTel',
    );
    for (const r of results) {
      const cpu = r.serviceCpuMsPerRequest;
      console.log(
        `${r.label.padEnd(14)} ${String(r.requestsPerSecond).padStart(6)}  ${`(${r.requestsPerSecondByPass.join(', ')})`.padEnd(14)} ${`${Math.round(r.relativeThroughput * 100)} %`.padStart(7)} ` +
          `${String(cpu.gateway).padStart(20)} ${String(cpu.users).padStart(6)} ${String(cpu.game).padStart(6)} ${String(cpu.analytics).padStart(10)} ` +
          `${String(r.cpuMsPerRequest.allServices).padStart(5)} ${String(r.addedCpuMsPerRequest).padStart(7)} ` +
          `${`${r.sentrySpansPerRequest}/${r.otlpSpansPerRequest}`.padStart(13)} ${r.sentryOverOtel === null ? '' : `${r.sentryOverOtel}${r.meetsTarget ? ' (≤ 1.2)' : ' (> 1.2)'}`}`,
      );
    }
  },
});
process.exit(exitCode === 0 ? await profileWhereTheCostGoes() : exitCode);

/** The rate-1 rows of both SDKs under `--cpu-prof`; prints and writes each one's busy-CPU shares. */
async function profileWhereTheCostGoes(): Promise<number> {
  const rows = OTEL_COST_ROWS.filter((row) => row.label === 'sentry 1' || row.label === 'otel 1');
  const root = mkdtempSync(path.join(tmpdir(), 'trace-arcade-otel-cost-profile-'));
  const profileDir = (row: OtelCostRow) => path.join(root, row.tracer);
  try {
    const code = await runTracingCostBench({
      name: 'otel_cost_profiled',
      rows,
      settings: { ...settings, passes: 1 },
      startSink: startTracingSink,
      environment: (row, dsn) => {
        mkdirSync(profileDir(row), { recursive: true });
        const env = otelCostEnvironment(row, dsn);
        const flags = `--cpu-prof --cpu-prof-dir=${profileDir(row)}`;
        return { ...env, NODE_OPTIONS: [env['NODE_OPTIONS'] ?? process.env['NODE_OPTIONS'], flags].filter(Boolean).join(' ') };
      },
      operationOf: (scenario) => operationFor(scenario, 'fixed'),
      describeItems: (counts) => `${counts.sentrySpans} Sentry spans, ${counts.otlpSpans} OTLP spans`,
      results: (pooled) => costRows(pooled, () => ({})),
      printTable: () => undefined,
    });
    if (code !== 0) return code;
    const profiles = rows.map((row) => {
      const { busySeconds, shares } = profileShares(profileDir(row));
      return {
        label: row.label,
        busySeconds: round(busySeconds, 1),
        shares: Object.fromEntries(CODE_GROUPS.map((group) => [group, round(shares[group] * 100, 1)])),
      };
    });
    console.log('\nshare of busy CPU, all services (%)   ' + CODE_GROUPS.join(' | '));
    for (const profile of profiles) {
      console.log(`${profile.label.padEnd(36)} ${CODE_GROUPS.map((group) => String(profile.shares[group])).join(' | ')}`);
    }
    writeFileSync(
      path.join(REPO_ROOT, 'bench', 'results-otel_cost_profile.json'),
      `${JSON.stringify({ date: new Date().toISOString(), unit: 'percent of busy CPU, all services', profiles }, null, 2)}\n`,
    );
    return 0;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * pool-exhaustion under concurrency: `bets` bets sent at once through the gateway (from as many players), slow then fixed,
 * `batches` times each (the order alternating), as the panel sends them (this scenario in its mode,
 * every other one fixed). One bet alone costs the same in both variants; what the slow one costs
 * the others shows only when they queue for the bet pool's connection.
 */
import { isolatedSelection, SCENARIOS, type Mode } from '@trace-arcade/scenarios';
import { measure, type Measured } from './gateway-client.js';
import { median, percentile, round } from './stats.js';

export interface PoolExhaustionMode {
  mode: Mode;
  bets: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** `extensions.perf.subgraphs.game.poolWaitMs`: the wait for the bet pool's connection. */
  poolWaitP50Ms: number;
  poolWaitMaxMs: number;
}

export interface PoolExhaustionResult {
  concurrentBets: number;
  batches: number;
  slow: PoolExhaustionMode;
  fixed: PoolExhaustionMode;
  /** Slow p50 over fixed p50. */
  p50Ratio: number;
}

const scenario = SCENARIOS.find((candidate) => candidate.name === 'pool-exhaustion')!;
const names = SCENARIOS.map((candidate) => candidate.name);

/**
 * `bets` bets at once, from as many players (the catalog's player and the next ones), as bets at
 * once would come: one player's bets would also queue for the player's wallet row in users.
 */
function batch(gatewayUrl: string, mode: Mode, bets: number): Promise<Measured[]> {
  const header = isolatedSelection(scenario.name, mode, names);
  const firstPlayer = Number(scenario.variables.input.playerId);
  return Promise.all(
    Array.from({ length: bets }, (_, i) =>
      measure(gatewayUrl, scenario.operation, { input: { ...scenario.variables.input, playerId: String(firstPlayer + i) } }, header),
    ),
  );
}

function summarize(mode: Mode, samples: Measured[]): PoolExhaustionMode {
  const ms = samples.map((sample) => sample.ms);
  const waits = samples.map((sample) => sample.perf.subgraphs['game']?.poolWaitMs ?? 0);
  return {
    mode,
    bets: samples.length,
    p50Ms: round(median(ms)),
    p95Ms: round(percentile(ms, 95)),
    maxMs: round(Math.max(...ms)),
    poolWaitP50Ms: round(median(waits)),
    poolWaitMaxMs: round(Math.max(...waits)),
  };
}

/** Needs a game subgraph that admits `bets` slow-variant requests at once (SLOW_VARIANT_CONCURRENCY). */
export async function poolExhaustionUnderConcurrency(
  gatewayUrl: string,
  options: { bets?: number; batches?: number } = {},
): Promise<PoolExhaustionResult> {
  const { bets = 10, batches = 3 } = options;
  // The bet pool's connection is made and both code paths run once before anything is timed.
  for (const mode of ['slow', 'fixed'] as const) await batch(gatewayUrl, mode, 1);
  const samples: Record<Mode, Measured[]> = { slow: [], fixed: [] };
  for (let i = 0; i < batches; i++) {
    for (const mode of i % 2 === 0 ? (['slow', 'fixed'] as const) : (['fixed', 'slow'] as const)) {
      samples[mode].push(...(await batch(gatewayUrl, mode, bets)));
    }
  }
  const slow = summarize('slow', samples.slow);
  const fixed = summarize('fixed', samples.fixed);
  return { concurrentBets: bets, batches, slow, fixed, p50Ratio: round(slow.p50Ms / fixed.p50Ms, 1) };
}

/** The table `npm run bench` prints. */
export function formatPoolExhaustion(result: PoolExhaustionResult): string {
  const rows = [result.slow, result.fixed].map(
    (r) =>
      `${r.mode.padEnd(20)} ${String(r.bets).padStart(8)} ${String(r.p50Ms).padStart(7)} ${String(r.p95Ms).padStart(7)} ${String(r.maxMs).padStart(7)} ${String(r.poolWaitP50Ms).padStart(13)} ${String(r.poolWaitMaxMs).padStart(13)}${r.mode === 'slow' ? `   ${result.p50Ratio}x` : ''}`,
  );
  return [
    `\npool-exhaustion, ${result.concurrentBets} bets at once   bets  p50 ms  p95 ms  max ms  pool wait p50  pool wait max   slow/fixed p50`,
    ...rows,
  ].join('\n');
}

import type { Mode } from '@trace-arcade/scenarios';
import type { CatalogScenario } from './catalog.js';

export interface Pick {
  scenario: CatalogScenario;
  mode: Mode;
}

/** The share is taken in millionths, so that the slow count after n requests is exact integer arithmetic. */
const MILLION = 1_000_000;

/**
 * The request mix: the scenarios take turns, and each scenario sends its slow variant for
 * `slowShare` of its own requests, spread evenly and slow first. After n requests of a scenario,
 * exactly ceil(n × slowShare) were slow: a short run is as representative as a long one, and no
 * random numbers make two runs differ.
 */
export function createMix(scenarios: readonly CatalogScenario[], slowShare: number): () => Pick {
  if (scenarios.length === 0) throw new Error('expected at least one scenario in the mix; got none');
  const share = Math.round(slowShare * MILLION);
  const slowAfter = (requests: number) => Math.floor((requests * share + MILLION - 1) / MILLION);
  const sent = scenarios.map(() => 0);
  let turn = 0;
  return () => {
    const index = turn++ % scenarios.length;
    const scenario = scenarios[index]!;
    const before = sent[index]!;
    sent[index] = before + 1;
    const slow = slowAfter(before + 1) > slowAfter(before);
    return { scenario, mode: availableMode(scenario, slow ? 'slow' : 'fixed') };
  };
}

/** The wanted mode, or the scenario's other one when it offers only that. */
function availableMode(scenario: CatalogScenario, wanted: Mode): Mode {
  if (scenario.modes.includes(wanted)) return wanted;
  const other: Mode = wanted === 'slow' ? 'fixed' : 'slow';
  if (scenario.modes.includes(other)) return other;
  throw new Error(`scenario ${scenario.name}: expected the modes slow and fixed; got ${JSON.stringify(scenario.modes)}`);
}

import type { Mode, ScenarioName } from './catalog.js';

/**
 * Demo runs whose answer is an error by design, with the `extensions.code` it carries: the walk of
 * infinite-loop's slow twin never ends, so its guard stops it with LOOP_GUARD_TRIPPED. Whatever
 * sends the catalog's operations and checks their answers (the benchmark, the span-budget test)
 * reads it here rather than naming the code itself.
 */
export const EXPECTED_ERRORS: Partial<Record<ScenarioName, Partial<Record<Mode, string>>>> = {
  'infinite-loop': { slow: 'LOOP_GUARD_TRIPPED' },
};

/** The error code the demo of `name` in `mode` answers with by design; undefined when it answers with data. */
export function expectedErrorCode(name: string, mode: string): string | undefined {
  return EXPECTED_ERRORS[name as ScenarioName]?.[mode as Mode];
}

import { wholeNumber } from '@trace-arcade/seed-data';

/** How a row-by-row closed-loop benchmark runs: `clients` loops for `seconds` per row and pass, after a warm-up. */
export interface ClosedLoopSettings {
  clients: number;
  seconds: number;
  warmUpSeconds: number;
  passes: number;
}

/**
 * `${prefix}_CLIENTS` (default 4, 1 to 32) closed loops for `${prefix}_SECONDS` (default 12, 2 to
 * 120) per row and pass, after a 3 s warm-up; `${prefix}_PASSES` (default 2, 1 to 4) passes over the rows.
 */
export function closedLoopSettings(env: NodeJS.ProcessEnv, prefix: string): ClosedLoopSettings {
  return {
    clients: wholeNumber(env, `${prefix}_CLIENTS`, 4, 1, 32),
    seconds: wholeNumber(env, `${prefix}_SECONDS`, 12, 2, 120),
    warmUpSeconds: 3,
    passes: wholeNumber(env, `${prefix}_PASSES`, 2, 1, 4),
  };
}

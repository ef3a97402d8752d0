import { percentileOfSamples as percentile } from '@trace-arcade/scenarios';

/** The nearest-rank percentile of samples a benchmark must have: none is an error. */
export { percentile };

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

import { percentile as nearestRank } from '@trace-arcade/service-runtime';

/** The nearest-rank percentile of samples a benchmark must have: none is an error. */
export function percentile(samples: readonly number[], p: number): number {
  const value = nearestRank(samples, p);
  if (value === null) throw new Error('percentile: expected at least one sample; got none');
  return value;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Nearest-rank percentile (p from 0 to 100) of the values, in any order; null for no values. The one
 * percentile of the project: alert rules' and dashboards' `p95(...)`, event-loop delay, benches and load runs.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const ascending = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * ascending.length));
  return ascending[Math.min(rank, ascending.length) - 1]!;
}

/** `percentile` of samples a measurement must have: none is an error that says so. */
export function percentileOfSamples(samples: readonly number[], p: number): number {
  const value = percentile(samples, p);
  if (value === null) throw new Error('percentile: expected at least one sample; got none');
  return value;
}

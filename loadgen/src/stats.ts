import { percentile } from '@trace-arcade/scenarios';

/** One finished request. */
export interface Sample {
  scenario: string;
  mode: string;
  ms: number;
  /** Why the request failed; absent when it succeeded. */
  error?: string;
  /** The service refused the slow variant by design (SLOW_VARIANT_BUSY: its budget was in use); not an error. */
  refused?: true;
}

export interface SummaryRow {
  scenario: string;
  mode: string;
  count: number;
  errors: number;
  /** Answered SLOW_VARIANT_BUSY: refused by the service's slow-variant admission, by design. */
  refused: number;
  /** Latency percentiles of the successful requests; null when none succeeded. */
  p50Ms: number | null;
  p95Ms: number | null;
  firstError?: string;
}

interface Row {
  scenario: string;
  mode: string;
  count: number;
  errors: number;
  refused: number;
  successMs: number[];
  firstError?: string;
}

/** Counts, errors, refusals and latencies per scenario and mode. */
export class LoadStats {
  readonly #rows = new Map<string, Row>();

  record(sample: Sample): void {
    const key = `${sample.scenario}=${sample.mode}`;
    let row = this.#rows.get(key);
    if (!row) {
      row = { scenario: sample.scenario, mode: sample.mode, count: 0, errors: 0, refused: 0, successMs: [] };
      this.#rows.set(key, row);
    }
    row.count += 1;
    if (sample.refused) {
      row.refused += 1;
    } else if (sample.error === undefined) {
      row.successMs.push(sample.ms);
    } else {
      row.errors += 1;
      row.firstError ??= sample.error;
    }
  }

  totals(): { count: number; errors: number } {
    let count = 0;
    let errors = 0;
    for (const row of this.#rows.values()) {
      count += row.count;
      errors += row.errors;
    }
    return { count, errors };
  }

  /** One row per scenario and mode, by scenario name, slow before fixed. */
  summary(): SummaryRow[] {
    return [...this.#rows.values()]
      .sort((a, b) => a.scenario.localeCompare(b.scenario) || b.mode.localeCompare(a.mode))
      .map((row) => {
        return {
          scenario: row.scenario,
          mode: row.mode,
          count: row.count,
          errors: row.errors,
          refused: row.refused,
          p50Ms: percentile(row.successMs, 50),
          p95Ms: percentile(row.successMs, 95),
          ...(row.firstError === undefined ? {} : { firstError: row.firstError }),
        };
      });
  }
}

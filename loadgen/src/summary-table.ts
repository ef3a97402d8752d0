import type { SummaryRow } from './stats.js';

const HEADINGS = ['scenario', 'mode', 'count', 'errors', 'refused', 'p50 ms', 'p95 ms'] as const;

const milliseconds = (value: number | null) => (value === null ? '-' : value.toFixed(0));

/** The summary as an aligned text table, then the first error of every row that had one. */
export function formatSummary(rows: readonly SummaryRow[]): string {
  const cells = rows.map((row) => [
    row.scenario,
    row.mode,
    String(row.count),
    String(row.errors),
    String(row.refused),
    milliseconds(row.p50Ms),
    milliseconds(row.p95Ms),
  ]);
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...cells.map((line) => line[column]!.length)));
  // Names align left, numbers right.
  const format = (line: readonly string[]) =>
    line
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  const errors = rows
    .filter((row) => row.firstError !== undefined)
    .map((row) => `${row.scenario}=${row.mode}: first error: ${row.firstError}`);
  return [format(HEADINGS), ...cells.map(format), ...(errors.length > 0 ? ['', ...errors] : [])].join('\n');
}

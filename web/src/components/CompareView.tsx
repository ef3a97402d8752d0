import { compareRuns } from '../compare.js';
import { dashboardOf } from '../dashboards.js';
import type { RunOutcome } from '../run-scenario.js';
import { CompareChart } from './CompareChart.js';
import { DashboardView } from './DashboardView.js';

const show = (value: number | null, unit = '') =>
  value === null ? '—' : `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })}${unit}`;

/**
 * Slow and fixed side by side: both distributions, the median ratio and the median counts; once
 * every run is done, the scenario's Sentry dashboard evaluated on the slow runs beside the fixed ones.
 */
export function CompareView({ scenario, runs, planned }: { scenario: string; runs: readonly RunOutcome[]; planned: number }) {
  const comparison = compareRuns(runs);
  const dashboard = dashboardOf(scenario);
  const points = runs.filter((run) => run.totalMs !== null && !run.error).map((run) => ({ mode: run.mode, ms: run.totalMs! }));
  const rows: [string, keyof typeof comparison.slow, string][] = [
    ['Successful runs', 'runs', ''],
    ['Median gateway time', 'medianMs', ' ms'],
    ['Median SQL statements', 'medianSqlStatements', ''],
    ['Median Mongo commands', 'medianMongoCommands', ''],
    ['Median HTTP calls', 'medianHttpCalls', ''],
  ];
  return (
    <section className="compare" aria-label="Compare result" data-testid="compare">
      <h3>
        Compare: {runs.length} of {planned} runs
      </h3>
      {comparison.medianRatio !== null && (
        <p className="ratio" data-testid="median-ratio">
          Slow takes <strong>{show(comparison.medianRatio)}×</strong> the time of fixed (medians of the gateway&apos;s total).
        </p>
      )}
      {points.length > 0 && <CompareChart points={points} />}
      <table className="cost">
        <thead>
          <tr>
            <th scope="col">Median over runs</th>
            <th scope="col">slow</th>
            <th scope="col">fixed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, key, unit]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>{key === 'runs' ? comparison.slow.runs - comparison.slow.errors : show(comparison.slow[key], unit)}</td>
              <td>{key === 'runs' ? comparison.fixed.runs - comparison.fixed.errors : show(comparison.fixed[key], unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {dashboard && runs.length === planned && (
        <DashboardView
          scenario={scenario}
          dashboard={dashboard}
          groups={[
            { label: 'slow', runs: runs.filter((run) => run.mode === 'slow') },
            { label: 'fixed', runs: runs.filter((run) => run.mode === 'fixed') },
          ]}
        />
      )}
    </section>
  );
}

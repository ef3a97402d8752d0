import { formatMetricValue } from '@trace-arcade/trace-detectors';
import type { Dashboard } from '@trace-arcade/dashboards';
import { dashboardFile } from '../dashboards.js';
import { useDashboardValues, type RunGroup } from '../use-dashboard-values.js';

function show(value: number | null, unit: string): string {
  if (value === null) return '—';
  return unit === 'none' || unit === 'cent' ? value.toLocaleString('en-US', { maximumFractionDigits: 1 }) : formatMetricValue(value, unit);
}

/**
 * The scenario's Sentry dashboard evaluated on the runs of each group, side by side, and the alert
 * rules those runs would fire: what Sentry would show for them once `npm run dashboards:apply` has
 * sent the same definitions.
 */
export function DashboardView({ scenario, dashboard, groups }: { scenario: string; dashboard: Dashboard; groups: readonly RunGroup[] }) {
  const values = useDashboardValues(dashboard, groups);
  return (
    <section className="dashboard" aria-label={`Dashboard ${dashboard.title}`} data-testid="dashboard">
      <h4>
        Sentry dashboard: {dashboard.title} <code className="path">{dashboardFile(scenario)}</code>
      </h4>
      {values.state === 'waiting' && <p>Evaluating the widgets on the runs&apos; traces in Spotlight…</p>}
      {values.state === 'unavailable' && <p className="note">Widgets not evaluated: {values.reason}</p>}
      {values.state === 'ready' && (
        <>
          <table className="cost" data-testid="dashboard-widgets">
            <thead>
              <tr>
                <th scope="col">Widget</th>
                {values.groups.map((group) => (
                  <th scope="col" key={group.label}>
                    {group.label} ({group.judged} run{group.judged === 1 ? '' : 's'})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dashboard.widgets.map((widget, index) => (
                <tr key={widget.title} title={widget.description}>
                  <th scope="row">{widget.title}</th>
                  {values.groups.map((group) => {
                    const value = group.widgets[index]!;
                    return <td key={group.label}>{show(value.value, value.unit)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="alerts" aria-label="Alerts these runs would fire" data-testid="dashboard-alerts">
            {values.groups.map((group) => {
              const firing = group.alerts.filter((alert) => alert.fires);
              return (
                <li key={group.label} data-fired={firing.length}>
                  <strong>{group.label}:</strong>{' '}
                  {firing.length === 0
                    ? 'no alert would fire'
                    : firing
                        .map(
                          (alert) =>
                            `${alert.name} (${alert.fires}, ${alert.aggregate} = ${Math.round(alert.value! * 10) / 10} > ${alert.threshold})`,
                        )
                        .join('; ')}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

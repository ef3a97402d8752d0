import { parseAggregate, type AlertRule, type Dashboard } from '@trace-arcade/dashboards';

// The definitions under sentry/, bundled into the panel: the same files `npm run dashboards:apply` sends to Sentry.
const DASHBOARDS = import.meta.glob<Dashboard>('../../sentry/dashboards/*.json', { eager: true, import: 'default' });
const ALERTS = import.meta.glob<AlertRule>('../../sentry/alerts/*.json', { eager: true, import: 'default' });

/** The repository path of a scenario's dashboard definition. */
export function dashboardFile(scenario: string): string {
  return `sentry/dashboards/${scenario}.json`;
}

/** The Sentry dashboard of `scenario` (sentry/dashboards/<scenario>.json), if it has one. */
export function dashboardOf(scenario: string): Dashboard | undefined {
  return DASHBOARDS[`../../${dashboardFile(scenario)}`];
}

/** Every metric alert rule under sentry/alerts/. */
export const ALERT_RULES: readonly AlertRule[] = Object.values(ALERTS);

/** The trace metrics a dashboard's widgets read: a run's signals are awaited until they arrive (or their wait passes). */
export function metricsRead(dashboard: Dashboard): string[] {
  const aggregates = dashboard.widgets
    .filter((widget) => widget.widgetType === 'tracemetrics')
    .flatMap((widget) => widget.queries.flatMap((query) => query.aggregates));
  return [...new Set(aggregates.map((aggregate) => parseAggregate(aggregate, true).metric!.name))];
}

import { evaluateAlertRule, evaluateWidget, type AlertRuleValue, type Dashboard, type WidgetValue } from '@trace-arcade/dashboards';
import { emptySignals, type TraceSignals } from '@trace-arcade/trace-detectors';
import { useEffect, useState } from 'react';
import { ALERT_RULES, metricsRead } from './dashboards.js';
import { usePanel } from './panel-context.js';
import type { RunOutcome } from './run-scenario.js';
import { waitForRun } from './run-signals.js';

/** Runs whose signals are evaluated together: all slow runs of a compare, or a burst. */
export interface RunGroup {
  label: string;
  runs: readonly RunOutcome[];
}

export interface GroupValues {
  label: string;
  /** Runs whose trace reached Spotlight; the others are left out of the values. */
  judged: number;
  widgets: WidgetValue[];
  alerts: AlertRuleValue[];
}

export type DashboardValuesState =
  { state: 'waiting' } | { state: 'ready'; groups: GroupValues[] } | { state: 'unavailable'; reason: string };

function merged(all: readonly TraceSignals[]): TraceSignals {
  const signals = emptySignals();
  for (const one of all) {
    signals.transactions.push(...one.transactions);
    signals.errors.push(...one.errors);
    signals.metrics.push(...one.metrics);
  }
  return signals;
}

/**
 * The dashboard's widgets and every alert rule, evaluated per group on the signals of the group's
 * runs as they reached Spotlight: what Sentry's dashboard would show for those runs, and the alerts
 * they would fire.
 */
export function useDashboardValues(dashboard: Dashboard, groups: readonly RunGroup[]): DashboardValuesState {
  const { spotlight } = usePanel();
  const [state, setState] = useState<DashboardValuesState>({ state: 'waiting' });
  // Runs are never changed once made: their trace ids stand for the groups.
  const key = groups.map((group) => `${group.label}:${group.runs.map((run) => run.traceId).join(',')}`).join('|');
  useEffect(() => {
    let current = true;
    setState({ state: 'waiting' });
    const metrics = metricsRead(dashboard);
    void Promise.all(
      groups.map(async (group) => {
        const results = await Promise.all(group.runs.map((run) => waitForRun(spotlight, run, metrics)));
        const complete = results.flatMap((result) => (result.status === 'complete' ? [result.signals] : []));
        return { group, complete, reasons: results.flatMap((result) => (result.status === 'unavailable' ? [result.reason] : [])) };
      }),
    ).then((outcomes) => {
      if (!current) return;
      const nothing = outcomes.find((outcome) => outcome.complete.length === 0);
      if (nothing) {
        setState({ state: 'unavailable', reason: nothing.reasons[0] ?? `no ${nothing.group.label} run to evaluate` });
        return;
      }
      setState({
        state: 'ready',
        groups: outcomes.map(({ group, complete }) => {
          const signals = merged(complete);
          return {
            label: group.label,
            judged: complete.length,
            widgets: dashboard.widgets.map((widget) => evaluateWidget(widget, signals)),
            alerts: ALERT_RULES.map((rule) => evaluateAlertRule(rule, signals)),
          };
        }),
      });
    });
    return () => {
      current = false;
    };
    // `key` stands for `groups`; `dashboard` is a bundled definition, the same for the card's life.
  }, [spotlight, key]);
  return state;
}

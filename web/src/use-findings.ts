import { findingsOf, type Finding, type MetricAlertRule } from '@trace-arcade/trace-detectors';
import { useEffect, useState } from 'react';
import { usePanel } from './panel-context.js';
import type { RunOutcome } from './run-scenario.js';
import { waitForRun } from './run-signals.js';

export type FindingsState =
  { state: 'waiting' } | { state: 'ready'; findings: Finding[]; missingMetrics: string[] } | { state: 'unavailable'; reason: string };

/**
 * What Sentry would show for a run's trace, judged on every signal of the trace that reached
 * Spotlight: the transactions of the gateway and of every subgraph it called (one per request of
 * the run), the error events, and the metrics the scenario's alerts read (`alerts`, from the catalog).
 */
export function useFindings(run: RunOutcome, alerts: readonly MetricAlertRule[]): FindingsState {
  const { spotlight } = usePanel();
  const [state, setState] = useState<FindingsState>({ state: 'waiting' });
  const metrics = [...new Set(alerts.map((alert) => alert.metric))].join(',');
  useEffect(() => {
    let current = true;
    setState({ state: 'waiting' });
    const awaited = metrics ? metrics.split(',') : [];
    void waitForRun(spotlight, run, awaited).then((result) => {
      if (!current) return;
      if (result.status === 'unavailable') {
        setState({ state: 'unavailable', reason: result.reason });
        return;
      }
      const arrived = new Set(result.signals.metrics.map((metric) => metric.name));
      setState({
        state: 'ready',
        findings: findingsOf(run.traceId!, result.signals, alerts),
        missingMetrics: awaited.filter((name) => !arrived.has(name)),
      });
    });
    return () => {
      current = false;
    };
    // A run is never changed once made, and `alerts` is the catalog's, the same for the card's life:
    // the run's trace id and the alerts' metric names stand for them here.
  }, [spotlight, run.traceId, metrics]);
  return state;
}

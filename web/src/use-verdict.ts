import { describeVerdict, findPerformanceIssues, type PerformanceIssue } from '@trace-arcade/trace-detectors';
import { useEffect, useState } from 'react';
import { usePanel } from './panel-context.js';
import type { RunOutcome } from './run-scenario.js';

export type Verdict =
  { state: 'waiting' } | { state: 'ready'; issues: PerformanceIssue[]; text: string } | { state: 'unavailable'; reason: string };

/**
 * What Sentry's performance detectors would say of a run's trace, judged on the transactions that
 * reached Spotlight: the gateway's and those of every subgraph the gateway called.
 */
export function useVerdict(run: RunOutcome): Verdict {
  const { spotlight } = usePanel();
  const [verdict, setVerdict] = useState<Verdict>({ state: 'waiting' });
  const traceId = run.traceId;
  const services = ['gateway', ...Object.keys(run.subgraphs)].join(',');
  useEffect(() => {
    if (!traceId) {
      setVerdict({ state: 'unavailable', reason: 'the gateway reported no trace id for this run' });
      return;
    }
    let current = true;
    setVerdict({ state: 'waiting' });
    void spotlight.waitForTrace({ traceId, services: services.split(',') }).then((result) => {
      if (!current) return;
      if (result.status === 'unavailable') {
        setVerdict({ state: 'unavailable', reason: result.reason });
        return;
      }
      const issues = findPerformanceIssues(result.transactions);
      setVerdict({ state: 'ready', issues, text: describeVerdict(issues) });
    });
    return () => {
      current = false;
    };
  }, [spotlight, traceId, services]);
  return verdict;
}

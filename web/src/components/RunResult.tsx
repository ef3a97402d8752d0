import { expectedErrorCode } from '@trace-arcade/scenarios';
import type { MetricAlertRule } from '@trace-arcade/trace-detectors';
import type { RunOutcome } from '../run-scenario.js';
import { runTotals } from '../run-totals.js';
import { CostTable, formatMs } from './CostTable.js';
import { TraceLinks } from './TraceLinks.js';
import { VerdictLine } from './VerdictLine.js';

/** One run: what it cost, its trace and what Sentry would show; or its error's code and message. */
export function RunResult({ run, label, alerts }: { run: RunOutcome; label: string; alerts: readonly MetricAlertRule[] }) {
  const totals = runTotals(run);
  // The answer this twin gives by design (infinite-loop's guard), shown as its result, not as a failure.
  const byDesign = run.error !== null && expectedErrorCode(run.scenario, run.mode) === run.error.code;
  return (
    <article className={`run run-${run.mode}`} aria-label={`${label} result`} data-testid="run-result" data-mode={run.mode}>
      <h3>
        {label} <span className={`mode mode-${run.mode}`}>{run.mode}</span>
        {run.requests > 1 && <span className="requests"> · {run.requests} requests, figures of the slowest</span>}
      </h3>
      {run.error && byDesign && (
        <p className="expected-error" role="status">
          Answered, as this twin does by design, with <code>{run.error.code}</code> {run.error.message}
        </p>
      )}
      {run.error && !byDesign && (
        <p className="error" role="alert">
          <code>{run.error.code}</code> {run.error.message}
        </p>
      )}
      <dl className="figures">
        <div>
          <dt>Browser wall time</dt>
          <dd data-testid="wall-ms">{formatMs(run.wallMs)}</dd>
        </div>
        <div>
          <dt>Gateway total</dt>
          <dd data-testid="total-ms">{run.totalMs === null ? '—' : formatMs(run.totalMs)}</dd>
        </div>
        <div>
          <dt>SQL statements</dt>
          <dd data-testid="sql-statements">{totals.sqlStatements}</dd>
        </div>
        <div>
          <dt>Mongo commands</dt>
          <dd data-testid="mongo-commands">{totals.mongoCommands}</dd>
        </div>
        <div>
          <dt>HTTP calls</dt>
          <dd data-testid="http-calls">{totals.httpCalls}</dd>
        </div>
        <div>
          <dt>Sequential fetches</dt>
          <dd data-testid="plan-depth">{run.plan ? `${run.plan.sequentialDepth} of ${run.plan.fetches}` : '—'}</dd>
        </div>
      </dl>
      <CostTable subgraphs={run.subgraphs} />
      <TraceLinks traceId={run.traceId} />
      <VerdictLine run={run} alerts={alerts} />
    </article>
  );
}

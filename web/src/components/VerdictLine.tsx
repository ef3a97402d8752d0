import type { Finding, MetricAlertRule } from '@trace-arcade/trace-detectors';
import { spotlightErrorUrl, spotlightTraceUrl } from '../config.js';
import { usePanel } from '../panel-context.js';
import type { RunOutcome } from '../run-scenario.js';
import { useFindings } from '../use-findings.js';

function FindingLink({ finding }: { finding: Finding }) {
  const { config } = usePanel();
  const href =
    finding.link.page === 'trace' ? spotlightTraceUrl(config, finding.link.traceId) : spotlightErrorUrl(config, finding.link.eventId);
  if (!href) return null;
  return (
    <>
      {' · '}
      <a href={href} target="_blank" rel="noreferrer">
        {finding.link.page === 'trace' ? 'trace in Spotlight' : 'event in Spotlight'}
      </a>
    </>
  );
}

/**
 * What Sentry would show for this run's trace, from every signal the run sent (performance issues,
 * blocked-event-loop and other error events, the scenario's metric alerts), each with where to look
 * in Sentry. `data-findings` holds the count once the trace has been judged.
 */
export function VerdictLine({ run, alerts }: { run: RunOutcome; alerts: readonly MetricAlertRule[] }) {
  const verdict = useFindings(run, alerts);
  const ready = verdict.state === 'ready';
  return (
    <div
      className={`verdict verdict-${ready ? (verdict.findings.length > 0 ? 'flagged' : 'clean') : verdict.state}`}
      data-testid="verdict"
      data-findings={ready ? verdict.findings.length : undefined}
    >
      <p>
        <span className="label">Sentry would show: </span>
        {verdict.state === 'waiting' && 'waiting for the trace in Spotlight…'}
        {ready &&
          (verdict.findings.length === 0 ? 'nothing' : `${verdict.findings.length} finding${verdict.findings.length > 1 ? 's' : ''}`)}
        {verdict.state === 'unavailable' && `verdict unavailable: ${verdict.reason}`}
      </p>
      {ready && verdict.findings.length > 0 && (
        <ul aria-label="What Sentry would show">
          {verdict.findings.map((finding, index) => (
            <li key={index}>
              {finding.title}
              <FindingLink finding={finding} />
              <br />
              <span className="where">In Sentry: {finding.where}</span>
            </li>
          ))}
        </ul>
      )}
      {ready && verdict.missingMetrics.length > 0 && (
        <p className="note">Not judged: no {verdict.missingMetrics.join(', ')} values reached Spotlight for this trace.</p>
      )}
    </div>
  );
}

import { sentryTraceUrl, spotlightTraceUrl } from '../config.js';
import { usePanel } from '../panel-context.js';

/**
 * The trace id of a run and where to open it: Spotlight locally, Sentry when an organisation is
 * configured. `label` names the trace where a result shows several (`Trace` by default).
 */
export function TraceLinks({ traceId, label = 'Trace' }: { traceId: string | null; label?: string }) {
  const { config } = usePanel();
  if (!traceId)
    return <p className="trace">{label === 'Trace' ? 'No trace id was reported for this run.' : `${label}: none was reported.`}</p>;
  const spotlight = spotlightTraceUrl(config, traceId);
  const sentry = sentryTraceUrl(config, traceId);
  return (
    <p className="trace">
      {label} <code data-testid="trace-id">{traceId}</code>
      {spotlight && (
        <>
          {' · '}
          <a href={spotlight} target="_blank" rel="noreferrer">
            open in Spotlight
          </a>
        </>
      )}
      {sentry && (
        <>
          {' · '}
          <a href={sentry} target="_blank" rel="noreferrer">
            open in Sentry
          </a>
        </>
      )}
    </p>
  );
}

import { sentryTraceUrl, spotlightTraceUrl } from '../config.js';
import { usePanel } from '../panel-context.js';

/** The trace id of a run and where to open it: Spotlight locally, Sentry when an organisation is configured. */
export function TraceLinks({ traceId }: { traceId: string | null }) {
  const { config } = usePanel();
  if (!traceId) return <p className="trace">No trace id was reported for this run.</p>;
  const spotlight = spotlightTraceUrl(config, traceId);
  const sentry = sentryTraceUrl(config, traceId);
  return (
    <p className="trace">
      Trace <code data-testid="trace-id">{traceId}</code>
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

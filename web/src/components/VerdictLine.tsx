import type { RunOutcome } from '../run-scenario.js';
import { useVerdict } from '../use-verdict.js';

/** Whether Sentry's performance detectors would flag this run's trace. */
export function VerdictLine({ run }: { run: RunOutcome }) {
  const verdict = useVerdict(run);
  return (
    <p
      className={`verdict verdict-${verdict.state === 'ready' ? (verdict.issues.length > 0 ? 'flagged' : 'clean') : verdict.state}`}
      data-testid="verdict"
    >
      <span className="label">Sentry would flag: </span>
      {verdict.state === 'waiting' && 'waiting for the trace in Spotlight…'}
      {verdict.state === 'ready' && verdict.text}
      {verdict.state === 'unavailable' && `verdict unavailable: ${verdict.reason}`}
    </p>
  );
}

import type { ExerciseCheck } from '@trace-arcade/scenarios';
import type { YoursCheck } from '../check-yours.js';
import { TraceLinks } from './TraceLinks.js';

const STATUS_LABELS: Record<ExerciseCheck['status'], string> = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' };

/**
 * The workshop check of the attendee's version ("Run yours"): passed or failed, one row per check
 * (what it measured beside the fixed twin's figure and the budget, a hint under a failed one), and
 * both runs' traces; or, when the fixed twin itself failed, that alone.
 */
export function YoursVerdict({ check }: { check: YoursCheck }) {
  if (check.status === 'fixed-failed') {
    return (
      <article className="yours" aria-label="Your version result" data-testid="yours-verdict">
        <p className="error" role="alert">
          Run yours: {check.message}
        </p>
        <TraceLinks traceId={check.fixed.traceId} label="The fixed twin's trace" />
      </article>
    );
  }
  const { verdict } = check;
  const failed = verdict.checks.filter((item) => item.status === 'failed').length;
  return (
    <article
      className={`yours yours-${verdict.passed ? 'passed' : 'failed'}`}
      aria-label="Your version result"
      data-testid="yours-verdict"
      data-passed={verdict.passed}
    >
      <h3>{verdict.passed ? 'Your version: passed' : `Your version: failed (${failed} of ${verdict.checks.length} checks)`}</h3>
      <ul className="checks" aria-label="Checks of your version">
        {verdict.checks.map((item) => (
          <li key={item.name} className={`check check-${item.status}`} aria-label={item.name} data-status={item.status}>
            <span className="check-status">{STATUS_LABELS[item.status]}</span> <span className="check-name">{item.name}</span>:{' '}
            <span className="check-detail">{item.detail}</span>
            {item.status === 'failed' && item.hint && <p className="hint">Hint: {item.hint}</p>}
          </li>
        ))}
      </ul>
      {!verdict.passed && (
        <p className="note">
          More help: <code>npm run workshop -- hint {check.yours.scenario}</code>
        </p>
      )}
      <TraceLinks traceId={check.yours.traceId} label="Your trace" />
      <TraceLinks traceId={check.fixed.traceId} label="The fixed twin's trace" />
    </article>
  );
}

/** The checker's verdict as the terminal shows it: one line per check, a hint under each failed one, the trace to open. */
import type { ExerciseVerdict, ScenarioName } from '@trace-arcade/scenarios';

const MARKS = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

export function formatVerdict(scenario: ScenarioName, verdict: ExerciseVerdict, traceId: string, spotlightUrl: string | undefined): string {
  const lines = [`check ${scenario}: your version beside the fixed twin`];
  for (const check of verdict.checks) {
    lines.push(`  ${MARKS[check.status]}  ${check.name}: ${check.detail}`);
    if (check.hint) lines.push(`        hint: ${check.hint}`);
  }
  lines.push(`  trace ${traceId}${spotlightUrl ? ` (Spotlight: ${spotlightUrl})` : ''}`);
  const failed = verdict.checks.filter((check) => check.status === 'failed').length;
  lines.push(
    verdict.passed
      ? `passed: your fix of ${scenario} holds.`
      : `failed: ${failed} of ${verdict.checks.length} checks. More help: npm run workshop -- hint ${scenario}`,
  );
  return lines.join('\n');
}

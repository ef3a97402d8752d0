/**
 * What `npm audit --omit=dev --json` said, as a verdict: the production dependencies have no high
 * or critical advisory (`pass`), they have (`fail`, each advisory named), or the audit could not be
 * run at all (`unavailable`, with the reason): never a pass when nothing was checked.
 */

export type AuditVerdict =
  | { status: 'pass'; summary: string }
  | { status: 'fail'; summary: string; advisories: string[] }
  | { status: 'unavailable'; reason: string };

const BLOCKING = new Set(['high', 'critical']);

interface AuditReport {
  metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number; total?: number } };
  vulnerabilities?: Record<string, { severity?: string; via?: unknown[]; range?: string; fixAvailable?: unknown }>;
  message?: string;
  error?: { code?: string; summary?: string; detail?: string };
}

/** The first `npm error`/`npm warn` line of stderr that says something, for when stdout does not. */
function stderrReason(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((line) => line.replace(/^npm (error|warn|ERR!)\s*/, '').trim());
  return lines.find((line) => line !== '' && !line.startsWith('A complete log of this run'));
}

/** An advisory in one line: the package, its severity, and what npm says about it. */
function describeAdvisory(name: string, entry: NonNullable<AuditReport['vulnerabilities']>[string]): string {
  const titles = (entry.via ?? [])
    .map((via) => (typeof via === 'object' && via !== null ? (via as { title?: string; url?: string }) : undefined))
    .filter((via) => via?.title)
    .map((via) => `${via!.title}${via!.url ? ` (${via!.url})` : ''}`);
  const through = (entry.via ?? []).filter((via): via is string => typeof via === 'string');
  const what = titles.length > 0 ? titles.join('; ') : `through ${through.join(', ') || 'a dependency'}`;
  return `${name} ${entry.range ?? ''} ${entry.severity}: ${what}`.replace(/\s+/g, ' ');
}

export function auditVerdict(stdout: string, stderr: string): AuditVerdict {
  let report: AuditReport;
  try {
    report = JSON.parse(stdout) as AuditReport;
  } catch {
    return {
      status: 'unavailable',
      reason: stderrReason(stderr) ?? `npm audit printed no JSON report (${JSON.stringify(stdout.slice(0, 120))})`,
    };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts || !report.vulnerabilities) {
    const reason = report.message ?? report.error?.summary ?? report.error?.code ?? stderrReason(stderr) ?? 'npm audit returned no report';
    return { status: 'unavailable', reason };
  }
  const checked = report.metadata?.dependencies?.prod ?? report.metadata?.dependencies?.total;
  const others = ['moderate', 'low', 'info'].map((severity) => `${severity} ${counts[severity] ?? 0}`).join(', ');
  const advisories = Object.entries(report.vulnerabilities)
    .filter(([, entry]) => BLOCKING.has(entry.severity ?? ''))
    .map(([name, entry]) => describeAdvisory(name, entry));
  const scope = checked === undefined ? 'production dependencies' : `${checked} production dependencies`;
  if (advisories.length > 0) {
    return {
      status: 'fail',
      summary: `${scope} checked: ${counts['critical'] ?? 0} critical, ${counts['high'] ?? 0} high (${others})`,
      advisories,
    };
  }
  return { status: 'pass', summary: `${scope} checked: no high or critical advisory (${others})` };
}

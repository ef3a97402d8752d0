/**
 * Sentry's stats periods (`5m`, `1h`, `14d`), ported from `parse_stats_period` in `src/sentry/utils/dates.py`
 * (getsentry/sentry): digits, then an optional unit `s`, `m`, `h`, `d` or `w`; no unit means seconds. Anything else
 * is not a period (Sentry returns None). No Node imports.
 */

const STATS_PERIOD = /^(\d+)([hdmsw]?)$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** The period in seconds, or `null` when Sentry would not parse it. */
export function parseStatsPeriod(period: string): number | null {
  const match = STATS_PERIOD.exec(period);
  if (!match) return null;
  const [, digits = '', unit = ''] = match;
  return Number(digits) * (UNIT_SECONDS[unit === '' ? 's' : unit] ?? 1);
}

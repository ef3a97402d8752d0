import { detectConsecutiveHttp } from './consecutive-http.js';
import { detectNPlusOneDb } from './n-plus-one-db.js';
import type { SentryTransaction } from './sentry-event.js';

/** A performance issue Sentry would raise for one transaction, in the words the panel shows. */
export interface PerformanceIssue {
  type: 'N+1 Query' | 'Consecutive HTTP';
  /** The transaction's `server_name`, else its `service` tag. */
  service: string;
  /** The repeated statements (N+1) or the consecutive calls (HTTP). */
  offenders: number;
  /** Time of the repeated statements, overlap counted once (N+1), or time parallel calls would save (HTTP). */
  ms: number;
  /** `N+1 Query: 200 repeated statements in users` or `Consecutive HTTP: 5 calls, 2.4 s saveable in game`. */
  summary: string;
}

function serviceOf(transaction: SentryTransaction): string {
  return transaction.server_name ?? transaction.tags?.['service'] ?? 'unknown';
}

/** Both detectors on every transaction, in the transactions' order. */
export function findPerformanceIssues(transactions: SentryTransaction[]): PerformanceIssue[] {
  return transactions.flatMap((transaction): PerformanceIssue[] => {
    const service = serviceOf(transaction);
    return [
      ...detectNPlusOneDb(transaction).map(({ offenders, ms }) => ({
        type: 'N+1 Query' as const,
        service,
        offenders,
        ms,
        summary: `N+1 Query: ${offenders} repeated statements in ${service}`,
      })),
      ...detectConsecutiveHttp(transaction).map(({ offenders, ms }) => ({
        type: 'Consecutive HTTP' as const,
        service,
        offenders,
        ms,
        summary: `Consecutive HTTP: ${offenders} calls, ${(ms / 1000).toFixed(1)} s saveable in ${service}`,
      })),
    ];
  });
}

import { isRecord, parseJson } from './json-value.js';
import { asSentryTransaction, type SentryTransaction } from './sentry-event.js';

/**
 * The transactions in one event of the Spotlight sidecar's `GET /stream` (server-sent events).
 * Its `data` is the envelope as the sidecar parsed it, `[envelopeHeader, [[itemHeader, payload], ...]]`,
 * with each JSON payload already an object. Items of other types and malformed input are
 * skipped; this never throws.
 */
export function transactionsFromSpotlightEvent(data: string): SentryTransaction[] {
  const envelope = parseJson(data);
  if (!Array.isArray(envelope) || !Array.isArray(envelope[1])) return [];
  const transactions: SentryTransaction[] = [];
  for (const item of envelope[1] as unknown[]) {
    if (!Array.isArray(item)) continue;
    const [itemHeader, payload] = item as unknown[];
    if (!isRecord(itemHeader) || itemHeader['type'] !== 'transaction') continue;
    const transaction = asSentryTransaction(payload);
    if (transaction) transactions.push(transaction);
  }
  return transactions;
}

import { parseJson } from './json-value.js';
import type { SentryTransaction } from './sentry-event.js';
import { collectItem, emptySignals, type TraceSignals } from './trace-signals.js';

/**
 * The transactions, error events and trace metrics in one event of the Spotlight sidecar's
 * `GET /stream` (server-sent events). Its `data` is the envelope as the sidecar parsed it,
 * `[envelopeHeader, [[itemHeader, payload], ...]]`, with each JSON payload already an object.
 * Items of other types and malformed input are skipped; this never throws.
 */
export function signalsFromSpotlightEvent(data: string): TraceSignals {
  const signals = emptySignals();
  const envelope = parseJson(data);
  if (!Array.isArray(envelope) || !Array.isArray(envelope[1])) return signals;
  for (const item of envelope[1] as unknown[]) {
    if (!Array.isArray(item)) continue;
    const [itemHeader, payload] = item as unknown[];
    collectItem(signals, itemHeader, payload);
  }
  return signals;
}

/** The transactions in one event of Spotlight's stream (`signalsFromSpotlightEvent`). */
export function transactionsFromSpotlightEvent(data: string): SentryTransaction[] {
  return signalsFromSpotlightEvent(data).transactions;
}

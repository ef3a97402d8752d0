import { isRecord, parseJson } from './json-value.js';
import type { SentryTransaction } from './sentry-event.js';
import { collectItem, emptySignals, type TraceSignals } from './trace-signals.js';

const NEWLINE = 10;

/**
 * The transactions, error events and trace metrics in a raw Sentry envelope: a header line, then
 * for each item a header line and its payload. A payload is `length` bytes (UTF-8) when the item
 * header gives a length, else the rest of its line. Items of other types, blank lines (a trailing
 * newline) and items whose header or payload is not valid JSON are skipped; this never throws.
 */
export function signalsFromEnvelope(text: string): TraceSignals {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  let cursor = 0;
  const readLine = (): string => {
    let end = bytes.indexOf(NEWLINE, cursor);
    if (end === -1) end = bytes.length;
    const line = decoder.decode(bytes.subarray(cursor, end));
    cursor = end + 1;
    return line;
  };
  const readBytes = (length: number): string => {
    const end = Math.min(cursor + length, bytes.length);
    const payload = decoder.decode(bytes.subarray(cursor, end));
    cursor = bytes[end] === NEWLINE ? end + 1 : end;
    return payload;
  };

  readLine(); // the envelope header: nothing in it is needed here
  const signals = emptySignals();
  while (cursor < bytes.length) {
    const headerLine = readLine();
    if (headerLine.trim() === '') continue;
    const itemHeader = parseJson(headerLine);
    const length = isRecord(itemHeader) ? itemHeader['length'] : undefined;
    const payload = typeof length === 'number' && Number.isInteger(length) && length >= 0 ? readBytes(length) : readLine();
    collectItem(signals, itemHeader, parseJson(payload));
  }
  return signals;
}

/** The transactions in a raw Sentry envelope (`signalsFromEnvelope`). */
export function transactionsFromEnvelope(text: string): SentryTransaction[] {
  return signalsFromEnvelope(text).transactions;
}

import { isRecord } from './json-value.js';

/** One stack frame of an exception, as the SDK sends it (oldest call first). */
export interface SentryFrame {
  function?: string;
  filename?: string;
  module?: string;
  lineno?: number;
  in_app?: boolean;
}

/** One exception of an error event (`exception.values[]`). */
export interface SentryException {
  type?: string;
  value?: string;
  stacktrace?: { frames?: SentryFrame[] };
  mechanism?: { type?: string };
}

/** An error event (envelope item type `event`) as the SDK sends it, reduced to what the findings read. */
export interface SentryErrorEvent {
  event_id: string;
  level?: string;
  server_name?: string;
  tags?: Record<string, string>;
  contexts: { trace: { trace_id: string; span_id?: string } };
  exception?: { values?: SentryException[] };
  message?: string | { formatted?: string };
}

/**
 * The payload of an `event` envelope item as a `SentryErrorEvent`, or `undefined` when it has no
 * event id or no trace context with a trace id (such an event belongs to no trace).
 */
export function asSentryErrorEvent(payload: unknown): SentryErrorEvent | undefined {
  if (!isRecord(payload) || typeof payload['event_id'] !== 'string') return undefined;
  const contexts = payload['contexts'];
  if (!isRecord(contexts) || !isRecord(contexts['trace']) || typeof contexts['trace']['trace_id'] !== 'string') return undefined;
  const exception = payload['exception'];
  if (exception !== undefined && (!isRecord(exception) || (exception['values'] !== undefined && !Array.isArray(exception['values'])))) {
    return undefined;
  }
  return payload as unknown as SentryErrorEvent;
}

/**
 * Blocked-event-loop events as the services send them (packages/service-runtime/src/event-loop-block.ts):
 * error events of exception type `ApplicationNotResponding`, sent by the ANR integration's worker,
 * with the main thread's stack at the moment it was blocked, tag `service`, and the blocked request's
 * trace in `contexts.trace`. For the tests of the scenarios that block the loop.
 */
import type { SentryEnvelopeSink, SentryErrorEvent } from './sentry-envelope-sink.js';

/** A stack frame as the ANR worker reports it (innermost last). */
export interface AnrFrame {
  function?: string;
  filename?: string;
  lineno?: number;
  in_app?: boolean;
}

export interface BlockedEventLoopEvent extends SentryErrorEvent {
  exception: { values: { type: 'ApplicationNotResponding'; value?: string; stacktrace?: { frames?: AnrFrame[] } }[] };
}

/** The exception type the SDK gives a blocked event loop. */
export const BLOCKED_EVENT_LOOP_TYPE = 'ApplicationNotResponding';

function isBlockedEventLoop(event: SentryErrorEvent): event is BlockedEventLoopEvent {
  return event.exception?.values?.some((value) => value.type === BLOCKED_EVENT_LOOP_TYPE) ?? false;
}

/** The blocked-event-loop events the sink has received, those of trace `traceId` only when it is given. */
export function blockedEventLoopEvents(sink: SentryEnvelopeSink, traceId?: string): BlockedEventLoopEvent[] {
  return sink.errors.filter(isBlockedEventLoop).filter((event) => traceId === undefined || event.contexts?.trace?.trace_id === traceId);
}

/** Waits for the first blocked-event-loop event of trace `traceId`. */
export async function waitForBlockedEventLoopEvent(
  sink: SentryEnvelopeSink,
  traceId: string,
  timeoutMs = 15_000,
): Promise<BlockedEventLoopEvent> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [event] = blockedEventLoopEvents(sink, traceId);
    if (event) return event;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seen = blockedEventLoopEvents(sink).map((event) => `${event.tags?.['service']}:${event.contexts?.trace?.trace_id}`);
  throw new Error(
    `no ApplicationNotResponding event of trace ${traceId} within ${timeoutMs} ms; got ${seen.length} others: ${seen.join(' | ')}`,
  );
}

/** The stack the event reports, innermost frame first. */
export function blockingFrames(event: BlockedEventLoopEvent): AnrFrame[] {
  return [...(event.exception.values[0]?.stacktrace?.frames ?? [])].reverse();
}

/** `function (file:line)` for each frame, innermost first: for assertion messages. */
export function describeFrames(frames: AnrFrame[]): string {
  return frames.map((frame) => `${frame.function ?? '?'} (${frame.filename ?? '?'}:${frame.lineno ?? '?'})`).join(' < ');
}

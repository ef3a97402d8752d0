/**
 * Who called: the attributes an incoming request's span records about the caller (a browser's user
 * agent, the caller's address). They say who is using the demo, not how it performs, so they are
 * dropped before an event leaves the process. The SDK's own options (`dataCollection`) do not cover
 * them. Kept free of imports: instrument.ts loads it before the app.
 */
const CALLER_ATTRIBUTES = [
  'user_agent.original',
  'http.user_agent',
  'client.address',
  'http.client_ip',
  'network.peer.address',
  'net.peer.ip',
];

interface SpanLike {
  op?: string;
  data?: Record<string, unknown>;
}

interface EventLike {
  contexts?: { trace?: SpanLike };
  spans?: SpanLike[];
}

function dropCaller(data: Record<string, unknown> | undefined): void {
  if (!data) return;
  for (const key of CALLER_ATTRIBUTES) delete data[key];
}

/** Removes the caller's attributes from the event's own span and from every incoming-request span in it. */
export function withoutCaller<Event extends EventLike>(event: Event): Event {
  dropCaller(event.contexts?.trace?.data);
  for (const span of event.spans ?? []) {
    if (span.op === 'http.server') dropCaller(span.data);
  }
  return event;
}

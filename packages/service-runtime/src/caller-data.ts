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
  // What the caller sent as `Host` (any name it likes, a rebinding page's own): the request's path stays in `url.path`.
  'server.address',
  'http.host',
  'net.host.name',
  'url.full',
  'http.url',
];

interface SpanLike {
  op?: string;
  data?: Record<string, unknown>;
}

interface EventLike {
  contexts?: { trace?: SpanLike };
  spans?: SpanLike[];
  /** The incoming request: its URL is built from the caller's `Host`. */
  request?: { url?: string };
}

function dropCaller(data: Record<string, unknown> | undefined): void {
  if (!data) return;
  for (const key of CALLER_ATTRIBUTES) delete data[key];
}

/** The path and query of a URL, without the scheme and host the caller chose. */
function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/**
 * Removes the caller's attributes from the event's own span and from every incoming-request span in
 * it, and the caller's `Host` from the request's URL.
 */
export function withoutCaller<Event extends EventLike>(event: Event): Event {
  if (event.contexts?.trace?.op === 'http.server') dropCaller(event.contexts.trace.data);
  if (event.request?.url) event.request.url = pathOf(event.request.url);
  for (const span of event.spans ?? []) {
    if (span.op === 'http.server') dropCaller(span.data);
  }
  return event;
}

import type { IncomingHttpHeaders } from 'node:http';

/**
 * The header the gateway sends every subgraph with the trace id of the request's unit of work:
 * the trace the client started (`sentry-trace` or `traceparent`), else the gateway's own trace for
 * the request, else an id of its own. The panel sends a scenario's unit (8 concurrent bets, 60
 * requests one after another) under one trace, so the unit's requests share it. It does not
 * depend on Sentry: without a DSN the SDK propagates no trace headers, and a sampled-out trace
 * still has its id.
 */
export const UNIT_OF_WORK_HEADER = 'x-unit-of-work';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SENTRY_TRACE = /^([0-9a-f]{32})-[0-9a-f]{16}(?:-[01])?$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase();
}

/** A usable trace id (W3C: 32 lower-case hex digits, not all zero). */
function traceId(value: string | undefined): string | undefined {
  return value && TRACE_ID.test(value) && !/^0+$/.test(value) ? value : undefined;
}

/** The trace id of the incoming `sentry-trace` or, without it, `traceparent` header; undefined when neither holds one. */
export function incomingTraceId(headers: IncomingHttpHeaders): string | undefined {
  return (
    traceId(SENTRY_TRACE.exec(header(headers, 'sentry-trace') ?? '')?.[1]) ??
    traceId(TRACEPARENT.exec(header(headers, 'traceparent') ?? '')?.[1])
  );
}

/**
 * The trace id of the request's unit of work in a subgraph: the gateway's `x-unit-of-work`, else
 * the trace of a direct caller's `sentry-trace` or `traceparent`; undefined when none holds one
 * (the request is then a unit of its own).
 */
export function unitOfWorkTraceId(headers: IncomingHttpHeaders): string | undefined {
  return traceId(header(headers, UNIT_OF_WORK_HEADER)) ?? incomingTraceId(headers);
}

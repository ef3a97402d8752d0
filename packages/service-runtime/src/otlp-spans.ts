/**
 * A Sentry transaction, as the SDK sends it, turned into OpenTelemetry spans: the same trace id,
 * span ids, parents, names, times and attributes, so an OTLP backend and Sentry show one trace.
 */
import { SpanKind, SpanStatusCode, TraceFlags, type AttributeValue, type Attributes, type HrTime } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Event } from '@sentry/node';

/** A child span of a transaction event, as the SDK serialises it. */
type SpanJSON = NonNullable<Event['spans']>[number];

/** What both a transaction's root and its child spans carry, in Sentry's field names. */
interface SentrySpanFields {
  trace_id: string;
  span_id: string;
  parent_span_id?: string;
  op?: string;
  description?: string;
  status?: string;
  origin?: string;
  data?: Record<string, unknown>;
  start_timestamp: number;
  timestamp?: number;
}

/** Seconds since the epoch (Sentry's float) as OpenTelemetry's `[seconds, nanoseconds]`. */
export function hrTime(seconds: number): HrTime {
  const whole = Math.floor(seconds);
  return [whole, Math.round((seconds - whole) * 1e9)];
}

function hrDuration(start: HrTime, end: HrTime): HrTime {
  let secondsPart = end[0] - start[0];
  let nanos = end[1] - start[1];
  if (nanos < 0) {
    secondsPart -= 1;
    nanos += 1e9;
  }
  return [secondsPart, nanos];
}

/** The span kind an OTLP backend draws from Sentry's operation name. */
export function spanKind(op: string | undefined): SpanKind {
  if (op === 'http.server') return SpanKind.SERVER;
  if (op === 'http.client' || op?.startsWith('db')) return SpanKind.CLIENT;
  return SpanKind.INTERNAL;
}

/** Only the values OTLP can carry: strings, numbers, booleans and arrays of one of them. */
function attributeValue(value: unknown): AttributeValue | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'number')) return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'boolean')) return value;
  return undefined;
}

function attributesOf(span: SentrySpanFields): Attributes {
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(span.data ?? {})) {
    const converted = attributeValue(value);
    if (converted !== undefined) attributes[key] = converted;
  }
  if (span.op !== undefined) attributes['sentry.op'] ??= span.op;
  if (span.origin !== undefined) attributes['sentry.origin'] ??= span.origin;
  return attributes;
}

function toReadableSpan(
  span: SentrySpanFields,
  name: string,
  resource: Resource,
  instrumentationScope: InstrumentationScope,
): ReadableSpan {
  const startTime = hrTime(span.start_timestamp);
  const endTime = hrTime(span.timestamp ?? span.start_timestamp);
  const failed = span.status !== undefined && span.status !== 'ok';
  const context = { traceId: span.trace_id, spanId: span.span_id, traceFlags: TraceFlags.SAMPLED };
  return {
    name,
    kind: spanKind(span.op),
    spanContext: () => context,
    parentSpanContext: span.parent_span_id
      ? { traceId: span.trace_id, spanId: span.parent_span_id, traceFlags: TraceFlags.SAMPLED, isRemote: false }
      : undefined,
    startTime,
    endTime,
    duration: hrDuration(startTime, endTime),
    status: failed ? { code: SpanStatusCode.ERROR, message: span.status } : { code: SpanStatusCode.UNSET },
    attributes: attributesOf(span),
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/**
 * The spans of a transaction event: its root (`contexts.trace`, named by the transaction) and each
 * child span (named by its description, else its operation). Any other event yields none.
 */
export function transactionSpans(event: Event, resource: Resource, scope: InstrumentationScope): ReadableSpan[] {
  const root = event.contexts?.trace;
  if (event.type !== 'transaction' || !root?.trace_id || !root.span_id || event.start_timestamp === undefined) return [];
  const rootFields: SentrySpanFields = {
    ...root,
    trace_id: root.trace_id,
    span_id: root.span_id,
    start_timestamp: event.start_timestamp,
    timestamp: event.timestamp,
  };
  const children = (event.spans ?? []).map((child: SpanJSON) =>
    toReadableSpan(child, child.description ?? child.op ?? 'span', resource, scope),
  );
  return [toReadableSpan(rootFields, event.transaction ?? root.op ?? 'transaction', resource, scope), ...children];
}

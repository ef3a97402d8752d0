/**
 * Heap growth reaches Sentry with the code that allocated what is kept: with
 * HEAP_PROFILE_MB set, memory-leak slow grows analytics' heap past it and the sink receives
 * a warning event "Heap grew past N MiB" from analytics, on the trace of the request that crossed it,
 * naming the top allocation site of the sampling heap profile and carrying the profile. What the
 * leaking cache keeps is the pages' round documents, and the profile names the code that built them:
 * the BSON decoder the MongoDB driver runs as a reply arrives (an async continuation, so the
 * repository and the cache are not among its callers; the event's trace, whose `memory-leak (slow)`
 * span counts the cache's entries, names the cache). The fixed twin, as many requests, sends none.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCENARIO_HEADER, SCENARIOS, isolatedSelection } from '@trace-arcade/scenarios';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import type { SentryErrorEvent } from './sentry-envelope-sink.js';
import { tracedTestStackAroundTests } from './traced-test-stack.js';

/** 10,000 rounds give player 1 the full page of 300. Above analytics' heap at rest (about 40 MiB here) and its fixed twin's; the slow twin passes it after about 250 requests. */
const THRESHOLD_MB = 72;
/** Requests per twin at most: the slow twin keeps about 0.1 MB per request (memory-leak's docs page). */
const MAX_REQUESTS = 1000;
const FIXED_REQUESTS = 400;

const traced = tracedTestStackAroundTests({ env: { HEAP_PROFILE_MB: String(THRESHOLD_MB) }, rounds: 10_000 });
const scenario = SCENARIOS.find((candidate) => candidate.name === 'memory-leak')!;
const NAMES = SCENARIOS.map((candidate) => candidate.name);

interface HeapEvent extends SentryErrorEvent {
  message?: string | { formatted?: string };
  contexts?: SentryErrorEvent['contexts'] & { heap?: { used_mib: number; threshold_mib: number; top_retained_allocations: string[] } };
}

function heapEvents(): HeapEvent[] {
  return (traced.sink.errors as HeapEvent[]).filter((event) => event.contexts?.heap !== undefined);
}

function messageOf(event: HeapEvent): string {
  return typeof event.message === 'string' ? event.message : (event.message?.formatted ?? '');
}

async function request(mode: 'slow' | 'fixed'): Promise<string> {
  const result = await traced.stack.graphql(scenario.operation, scenario.variables, {
    [SCENARIO_HEADER]: isolatedSelection('memory-leak', mode, NAMES),
  });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return parsePerfExtension(result.extensions?.['perf']).traceId;
}

test(`memory-leak fixed: ${FIXED_REQUESTS} requests send no heap event`, async () => {
  for (let index = 0; index < FIXED_REQUESTS; index++) await request('fixed');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  assert.deepEqual(heapEvents().map(messageOf), []);
});

test('memory-leak slow: a "Heap grew past" event from analytics on the crossing request\'s trace names what allocated the kept pages', async (t) => {
  const traceIds: string[] = [];
  for (let index = 0; index < MAX_REQUESTS && heapEvents().length === 0; index++) traceIds.push(await request('slow'));
  const deadline = Date.now() + 10_000;
  while (heapEvents().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const [event] = heapEvents();
  assert.ok(event, `a heap event within ${traceIds.length} slow requests`);
  t.diagnostic(`after ${traceIds.length} slow requests: ${messageOf(event)}; ${JSON.stringify(event.contexts?.heap)}`);
  assert.equal(event.tags?.['service'], 'analytics');
  assert.equal(event.level, 'warning');
  assert.match(messageOf(event), new RegExp(`^Heap grew past ${THRESHOLD_MB} MiB: most kept memory allocated in `));
  assert.match(
    messageOf(event),
    /allocated in deserializeObject \(\S*node_modules\/bson\//,
    'the BSON decoder that built the kept documents',
  );
  assert.ok(traceIds.includes(event.contexts?.trace?.trace_id ?? ''), 'on the trace of one of the slow requests');
  assert.ok(event.contexts!.heap!.used_mib >= THRESHOLD_MB);
  const attachment = traced.sink.raw.find(
    (envelope) => envelope.includes(event.event_id) && envelope.includes('"filename":"heap.heapprofile"'),
  );
  assert.ok(attachment, 'the sampling heap profile is attached to the event');
});

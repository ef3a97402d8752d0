/**
 * Heap growth traced to the code that allocated what is kept: V8's sampling heap profiler
 * (`HeapProfiler.startSampling` through an in-process `node:inspector` Session, no port) samples
 * allocations from the moment the service listens; a sample stays in the profile as long as its
 * object is alive. When the heap in use passes HEAP_PROFILE_MB at the end of a request,
 * a full collection confirms it is not garbage, and a warning event "Heap grew past N MiB" goes to
 * Sentry on that request's trace: it names the functions whose allocations the process keeps (the
 * profile's frames by retained sampled bytes) and carries the profile as an attachment
 * (`heap.heapprofile`, opens in Chrome DevTools' Memory tab). The next event waits for the next
 * threshold step (2 x, 3 x the threshold...).
 *
 * The profiler records the synchronous stack of each allocation: an object built in an async
 * continuation (a driver decoding a reply) is named by that continuation's frames, not by the
 * request code that awaited it.
 */
import { Session } from 'node:inspector';
import { getHeapStatistics } from 'node:v8';
import * as Sentry from '@sentry/node';

const MIB = 1024 * 1024;

/** Average bytes between two samples: large, so that sampling costs little (measured in BENCHMARKS.md). */
export const SAMPLING_INTERVAL_BYTES = 128 * 1024;
/** The heap is read at most this often (at the end of a request). */
const CHECK_EVERY_MS = 1000;
/** After a crossing that a full collection showed to be garbage, the heap is not checked for this long. */
const GARBAGE_BACKOFF_MS = 10_000;
/** Frames named in the event. */
const TOP_FRAMES = 5;

/** One node of V8's sampling heap profile (`HeapProfiler.SamplingHeapProfileNode`). */
interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

export interface SamplingHeapProfile {
  head: ProfileNode;
}

/** A function and the bytes of the live objects it allocated, in the samples. */
export interface AllocationSite {
  function: string;
  /** The script's URL (`file:///…`), or '' for V8's own frames. */
  url: string;
  /** 1-based, as editors count. */
  line: number;
  retainedBytes: number;
  /** Share of all retained sampled bytes, 0 to 1. */
  share: number;
  /** The callers of its largest node, innermost first (`function (file:line)`), at most STACK_FRAMES. */
  stack: string[];
}

/** Callers named for each site. */
const STACK_FRAMES = 12;

function describeFrame(frame: ProfileNode['callFrame']): string {
  const file = frame.url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
  const name = frame.functionName || '(anonymous)';
  return file ? `${name} (${file}:${frame.lineNumber + 1})` : name;
}

/**
 * The allocation sites of `profile` by retained sampled bytes, largest first: each node's self size
 * added to its function (name, script and line), the top `count` of them.
 */
export function retainedAllocationSites(profile: SamplingHeapProfile, count = TOP_FRAMES): AllocationSite[] {
  const sites = new Map<string, Omit<AllocationSite, 'share'> & { largestNode: number }>();
  let total = 0;
  const callers: ProfileNode[] = [];
  const visit = (node: ProfileNode) => {
    total += node.selfSize;
    if (node.selfSize > 0) {
      const { functionName, url, lineNumber } = node.callFrame;
      const name = functionName || '(anonymous)';
      const key = `${name}\u0000${url}\u0000${lineNumber}`;
      const site = sites.get(key) ?? { function: name, url, line: lineNumber + 1, retainedBytes: 0, stack: [], largestNode: 0 };
      site.retainedBytes += node.selfSize;
      if (node.selfSize > site.largestNode) {
        site.largestNode = node.selfSize;
        site.stack = callers
          .filter((caller) => caller.callFrame.functionName !== '(root)')
          .reverse()
          .slice(0, STACK_FRAMES)
          .map((caller) => describeFrame(caller.callFrame));
      }
      sites.set(key, site);
    }
    callers.push(node);
    for (const child of node.children) visit(child);
    callers.pop();
  };
  visit(profile.head);
  return [...sites.values()]
    .sort((a, b) => b.retainedBytes - a.retainedBytes)
    .slice(0, count)
    .map(({ largestNode: _largest, ...site }) => ({ ...site, share: total > 0 ? site.retainedBytes / total : 0 }));
}

/** `function (file:line)`, the file relative to the working directory. */
export function describeSite(site: AllocationSite): string {
  return describeFrame({ functionName: site.function, url: site.url, lineNumber: site.line - 1, columnNumber: 0 });
}

function post<Result>(session: Session, method: string, params?: object): Promise<Result> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as Result)));
  });
}

/** What `initTelemetry` decided; undefined when it is off. */
let pending: { service: string; thresholdBytes: number } | undefined;

/** Records whether `service` profiles its heap growth: `thresholdMb` 0 (HEAP_PROFILE_MB=0) switches it off. */
export function planHeapProfile(service: string, thresholdMb: number): void {
  pending = thresholdMb > 0 ? { service, thresholdBytes: thresholdMb * MIB } : undefined;
}

/**
 * Starts sampling and watching the heap, once the service has started (planned by `initTelemetry`;
 * nothing happens when it is off or Sentry is not set up). Returns a function that stops both.
 */
export async function watchHeapGrowth(): Promise<() => void> {
  const plan = pending;
  pending = undefined;
  const client = Sentry.getClient();
  if (!plan || !client) return () => undefined;
  const session = new Session();
  session.connect();
  await post(session, 'HeapProfiler.enable');
  await post(session, 'HeapProfiler.startSampling', { samplingInterval: SAMPLING_INTERVAL_BYTES });
  let next = plan.thresholdBytes;
  let checkAfter = 0;
  let busy = false;

  const report = async (span: Sentry.Span) => {
    // Garbage counts in the heap in use until it is collected: only what survives a full collection counts.
    await post(session, 'HeapProfiler.collectGarbage');
    const used = getHeapStatistics().used_heap_size;
    if (used < next) {
      checkAfter = Date.now() + GARBAGE_BACKOFF_MS;
      return;
    }
    const crossed = next;
    next = (Math.floor(used / plan.thresholdBytes) + 1) * plan.thresholdBytes;
    const { profile } = await post<{ profile: SamplingHeapProfile }>(session, 'HeapProfiler.getSamplingProfile');
    const sites = retainedAllocationSites(profile);
    const top = sites[0];
    const message = `Heap grew past ${crossed / MIB} MiB`;
    Sentry.withActiveSpan(span, () =>
      Sentry.withScope((scope) => {
        scope.setLevel('warning');
        scope.setContext('heap', {
          used_mib: Math.round((used / MIB) * 10) / 10,
          threshold_mib: crossed / MIB,
          sampling_interval_bytes: SAMPLING_INTERVAL_BYTES,
          top_retained_allocations: sites.map((site) => `${describeSite(site)}: ${Math.round(site.share * 100)}%`),
          // Synchronous callers only: an allocation in an async continuation starts at that continuation.
          top_allocation_callers: top?.stack ?? [],
        });
        if (top) scope.setTag('heap.top_allocation', top.function);
        // One issue per service and allocating function, however many steps it passes.
        scope.setFingerprint(['heap-growth', plan.service, top?.function ?? 'unknown']);
        scope.addAttachment({ filename: 'heap.heapprofile', data: JSON.stringify(profile), contentType: 'application/json' });
        Sentry.captureMessage(top ? `${message}: most kept memory allocated in ${describeSite(top)}` : message);
      }),
    );
  };

  const onSpanEnd = (span: Sentry.Span) => {
    if (busy || Sentry.getRootSpan(span) !== span || Date.now() < checkAfter) return;
    checkAfter = Date.now() + CHECK_EVERY_MS;
    if (getHeapStatistics().used_heap_size < next) return;
    busy = true;
    report(span)
      .catch((error: unknown) => Sentry.captureException(error))
      .finally(() => {
        busy = false;
      });
  };
  const unsubscribe = client.on('spanEnd', onSpanEnd);
  return () => {
    unsubscribe();
    session.disconnect();
  };
}

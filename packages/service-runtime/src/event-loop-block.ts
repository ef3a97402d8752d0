/**
 * A blocked event loop becomes a Sentry event: `ApplicationNotResponding`, with the main thread's
 * stack at the moment it was blocked (the prime search, the backtracking pattern), tagged `service`,
 * on the blocked request's trace.
 *
 * Which SDK feature: `@sentry/node` 11.1.0's `anrIntegration` (deprecated, still shipped and
 * working). Its successor, `@sentry/node-native`'s `eventLoopBlockIntegration`, is published for
 * 10.x only (newest 10.75.3) and depends on `@sentry/node` 10.75.3 exactly: installed beside 11.1.0
 * it would bring a second SDK whose `getClient()` does not see ours. Measured on cpu-rng and
 * regex-backtracking slow (e2e/src/blocked-event-loop.test.ts; its cost in BENCHMARKS.md), the ANR
 * integration does the job: a worker thread receives a message from the main thread every 50 ms;
 * when none arrives for EVENT_LOOP_BLOCK_MS + 50 ms, it pauses the main thread through the inspector
 * (an in-process session from the worker), reads the call frames and the scopes
 * (`__SENTRY_GET_SCOPES__`, whose propagation context is the active request's trace), resumes it and
 * sends the event to the DSN itself.
 *
 * Three things the integration does not do for us:
 * - It opens the inspector's WebSocket server (`inspector.open(0)`, a port on 127.0.0.1) before it
 *   starts the worker. The worker's session does not need the server once it is connected, so it is
 *   closed as soon as the worker is ready: the port is open for the worker's start only.
 * - It watches from the moment it is set up; module loading and the SDK's start-up block the loop for
 *   longer than the threshold, which would be reported as a blocked loop. It is added once the service
 *   listens (`watchEventLoopBlocks`, called by `runService`).
 * - Its default is one event per process; a demo blocks the loop on purpose, again and again.
 *   MAX_EVENTS allows many, and still bounds a process stuck in a loop of blocks.
 */
import inspector from 'node:inspector';
import * as Sentry from '@sentry/node';

/** Events one process sends at most; then the watcher stops (a process blocking that often says enough). */
export const MAX_EVENTS = 100;

/** What `initTelemetry` decided: the threshold and the service tag; undefined when it is off. */
let pending: { service: string; thresholdMs: number } | undefined;

/**
 * Records whether `service` watches its event loop: `thresholdMs` 0 (EVENT_LOOP_BLOCK_MS=0) or no DSN
 * (the worker sends to the DSN only) switch it off. Called by `initTelemetry`; the watch itself starts
 * with `watchEventLoopBlocks`.
 */
export function planEventLoopBlockWatch(service: string, thresholdMs: number, dsn: string | undefined): void {
  pending = thresholdMs > 0 && dsn ? { service, thresholdMs } : undefined;
}

/** How long the worker may take to start before the watch is given up as broken. */
const WORKER_START_TIMEOUT_MS = 10_000;

/**
 * Starts watching the event loop, once the service has started (planned by `initTelemetry`; nothing
 * happens when it is off). Resolves when the watcher runs and the inspector's port is closed again.
 */
export async function watchEventLoopBlocks(): Promise<void> {
  const plan = pending;
  pending = undefined;
  if (!plan || !Sentry.getClient()) return;
  const integration = Sentry.anrIntegration({
    anrThreshold: plan.thresholdMs,
    captureStackTrace: true,
    maxAnrEvents: MAX_EVENTS,
    staticTags: { service: plan.service },
  });
  // A debugger attached by hand (`--inspect`) stays open; the integration then sends no stack.
  const openedByUs = !inspector.url();
  Sentry.addIntegration(integration);
  // Its setup starts the worker a few turns of the loop later, once it has checked that no debugger
  // is attached; the inspector opens as the worker starts.
  const deadline = Date.now() + WORKER_START_TIMEOUT_MS;
  while (openedByUs && !inspector.url()) {
    if (Date.now() > deadline) throw new Error(`the event-loop watch did not start within ${WORKER_START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await integration.waitUntilWorkerReady();
  // The worker is connected to the main thread: the WebSocket server is no longer needed.
  if (openedByUs) inspector.close();
}

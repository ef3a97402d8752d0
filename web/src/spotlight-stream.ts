import { transactionsFromSpotlightEvent, type SentryTransaction } from '@trace-arcade/trace-detectors';

export type StreamState = 'connecting' | 'open' | 'unavailable';

/** The services whose transactions a trace needs before it can be judged. */
export interface TraceWait {
  traceId: string;
  services: readonly string[];
  /** Give up after this long: the trace is then judged unavailable. */
  timeoutMs?: number;
  /** After the last awaited service arrives, wait this long for stragglers (internal calls). */
  settleMs?: number;
}

export type TraceWaitResult = { status: 'complete'; transactions: SentryTransaction[] } | { status: 'unavailable'; reason: string };

const ENVELOPE_EVENT = 'application/x-sentry-envelope';

function serviceOf(transaction: SentryTransaction): string | undefined {
  return transaction.server_name ?? transaction.tags?.['service'];
}

/**
 * Follows Spotlight's event stream (`GET /stream`, server-sent events) and keeps every
 * transaction by trace id, so the panel can judge a click's trace with Sentry's detectors.
 * When Spotlight cannot be reached the state is `unavailable` and no verdict is guessed.
 */
export class SpotlightStream {
  #state: StreamState = 'connecting';
  readonly #byTrace = new Map<string, SentryTransaction[]>();
  readonly #listeners = new Set<() => void>();
  #source: EventSource | undefined;

  constructor(private readonly spotlightUrl: string | null) {}

  get state(): StreamState {
    return this.spotlightUrl ? this.#state : 'unavailable';
  }

  connect(): void {
    if (!this.spotlightUrl || this.#source) return;
    const source = new EventSource(`${this.spotlightUrl}/stream?client=trace-arcade-panel`);
    this.#source = source;
    source.onopen = () => this.#setState('open');
    // Before the stream has ever opened, an error means Spotlight is not running; later, it is reconnecting.
    source.onerror = () => this.#setState(this.#state === 'open' ? 'connecting' : 'unavailable');
    source.addEventListener(ENVELOPE_EVENT, (event) => this.receive((event as MessageEvent<string>).data));
  }

  close(): void {
    this.#source?.close();
    this.#source = undefined;
  }

  /** Takes one event's data: the transactions in it are kept under their trace ids. */
  receive(data: string): void {
    for (const transaction of transactionsFromSpotlightEvent(data)) {
      const traceId = transaction.contexts.trace.trace_id;
      const kept = this.#byTrace.get(traceId) ?? [];
      kept.push(transaction);
      this.#byTrace.set(traceId, kept);
    }
    this.#notify();
  }

  transactionsOf(traceId: string): SentryTransaction[] {
    return this.#byTrace.get(traceId) ?? [];
  }

  /** For `useSyncExternalStore`: a stable function, called on every change of state or content. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Resolves once every awaited service has sent its transaction for the trace (and stragglers settled). */
  waitForTrace({ traceId, services, timeoutMs = 15_000, settleMs = 1_500 }: TraceWait): Promise<TraceWaitResult> {
    return new Promise((resolve) => {
      let settleTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = (result: TraceWaitResult) => {
        clearTimeout(deadline);
        clearTimeout(settleTimer);
        unsubscribe();
        resolve(result);
      };
      const check = () => {
        if (this.state === 'unavailable') {
          finish({ status: 'unavailable', reason: 'Spotlight is not running' });
          return;
        }
        const arrived = new Set(this.transactionsOf(traceId).map(serviceOf));
        if (!settleTimer && services.every((service) => arrived.has(service))) {
          settleTimer = setTimeout(() => finish({ status: 'complete', transactions: this.transactionsOf(traceId) }), settleMs);
        }
      };
      const deadline = setTimeout(() => {
        const missing = services.filter((service) => !this.transactionsOf(traceId).some((t) => serviceOf(t) === service));
        finish({
          status: 'unavailable',
          reason: `the trace did not reach Spotlight within ${timeoutMs / 1000} s (missing: ${missing.join(', ')})`,
        });
      }, timeoutMs);
      const unsubscribe = this.subscribe(check);
      check();
    });
  }

  #setState(state: StreamState): void {
    this.#state = state;
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

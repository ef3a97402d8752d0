import { transactionsFromSpotlightEvent, type SentryTransaction } from '@trace-arcade/trace-detectors';

/**
 * Reads Spotlight's event stream (which replays what it holds) and collects the transactions of
 * `traceId` until `done` holds for them or `timeoutMs` passes.
 */
export async function spotlightTransactions(
  spotlightUrl: string,
  traceId: string,
  done: (transactions: SentryTransaction[]) => boolean,
  timeoutMs: number,
): Promise<SentryTransaction[]> {
  const found: SentryTransaction[] = [];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(`${spotlightUrl}/stream`, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of response.body!) {
      pending += decoder.decode(chunk as Uint8Array, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter((candidate) => candidate.startsWith('data: ') && candidate.includes(traceId))) {
        // Spotlight replays what it holds when a stream opens: an envelope that arrives meanwhile can come twice.
        for (const transaction of transactionsFromSpotlightEvent(line.slice('data: '.length))) {
          const seen = found.some((other) => other.contexts.trace.span_id === transaction.contexts.trace.span_id);
          if (transaction.contexts.trace.trace_id === traceId && !seen) found.push(transaction);
        }
      }
      if (done(found)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return found;
}

/** The services (`server_name`) whose transactions of `traceId` reached Spotlight, once all of `expected` did or time ran out. */
export async function spotlightServices(
  spotlightUrl: string,
  traceId: string,
  timeoutMs: number,
  expected: readonly string[] = ['gateway', 'users', 'game', 'analytics'],
): Promise<Set<string>> {
  const servicesOf = (transactions: SentryTransaction[]) => new Set(transactions.flatMap((t) => (t.server_name ? [t.server_name] : [])));
  const transactions = await spotlightTransactions(
    spotlightUrl,
    traceId,
    (found) => expected.every((s) => servicesOf(found).has(s)),
    timeoutMs,
  );
  return servicesOf(transactions);
}

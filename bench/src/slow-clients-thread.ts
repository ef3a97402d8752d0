/**
 * The slow clients on a thread of their own. A flood comes from other clients, not from the
 * process that times the fixed requests: on one event loop, each of the hundreds of
 * `SLOW_VARIANT_BUSY` answers a second the flood receives would delay the timing of a fixed answer
 * that arrived meanwhile, and the fixed p99 would measure the benchmark as well as the stack.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { runSlowClients, type SlowOutcome, type SlowScenario } from './slow-clients.js';

interface FloodOrder {
  gatewayUrl: string;
  scenarios: SlowScenario[];
  clients: number;
  busyBackoffMs: number;
  timeoutMs: number;
}

export interface SlowFlood {
  /** Stops the clients; resolves with every outcome once their requests in flight have answered. */
  stop(): Promise<SlowOutcome[]>;
}

/** Starts `order.clients` slow clients on a worker thread; they run until `stop`. */
export function startSlowFloodThread(order: FloodOrder): SlowFlood {
  const worker = new Worker(new URL(import.meta.url), { workerData: order });
  const outcomes = new Promise<SlowOutcome[]>((resolve, reject) => {
    worker.once('message', (message: SlowOutcome[]) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the slow clients' thread exited with ${code} before it reported`)));
  });
  return {
    async stop() {
      worker.postMessage('stop');
      try {
        return await outcomes;
      } finally {
        await worker.terminate();
      }
    },
  };
}

if (!isMainThread && parentPort) {
  const order = workerData as FloodOrder;
  const port = parentPort;
  const stop = new AbortController();
  port.once('message', () => stop.abort());
  const outcomes = await runSlowClients(order.gatewayUrl, order.scenarios, { ...order, signal: stop.signal });
  port.postMessage(outcomes);
}

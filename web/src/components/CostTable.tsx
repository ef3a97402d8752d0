import type { SubgraphCost } from '@trace-arcade/service-runtime/perf-extension';

const formatMs = (ms: number) => `${ms.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`;
const formatMb = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/**
 * What each subgraph reported for its part of one request. The pool-wait and heap columns appear
 * when a subgraph reports them: the wait for a pooled connection (pool-exhaustion) and the
 * process's heap in use when it answered (memory-leak: it climbs run after run with the slow twin).
 */
export function CostTable({ subgraphs }: { subgraphs: Record<string, SubgraphCost> }) {
  const entries = Object.entries(subgraphs);
  if (entries.length === 0) return <p>No subgraph reported a cost.</p>;
  const showPoolWait = entries.some(([, cost]) => cost.poolWaitMs !== undefined);
  const showHeap = entries.some(([, cost]) => cost.heapUsedBytes !== undefined);
  return (
    <table className="cost">
      <caption className="visually-hidden">Cost per subgraph</caption>
      <thead>
        <tr>
          <th scope="col">Subgraph</th>
          <th scope="col">Time</th>
          <th scope="col">SQL statements</th>
          <th scope="col">Mongo commands</th>
          <th scope="col">HTTP calls</th>
          <th scope="col">Event-loop delay (max)</th>
          {showPoolWait && <th scope="col">Pool wait</th>}
          {showHeap && <th scope="col">Heap used</th>}
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, cost]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{formatMs(cost.ms)}</td>
            <td data-testid={`${name}-sql`}>{cost.sqlStatements}</td>
            <td>{cost.mongoCommands}</td>
            <td>{cost.httpCalls}</td>
            <td>{cost.eventLoopDelay ? formatMs(cost.eventLoopDelay.maxMs) : '—'}</td>
            {showPoolWait && <td data-testid={`${name}-pool-wait`}>{cost.poolWaitMs === undefined ? '—' : formatMs(cost.poolWaitMs)}</td>}
            {showHeap && <td data-testid={`${name}-heap`}>{cost.heapUsedBytes === undefined ? '—' : formatMb(cost.heapUsedBytes)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export { formatMs };

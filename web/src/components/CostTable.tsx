import type { SubgraphCost } from '../run-scenario.js';

const formatMs = (ms: number) => `${ms.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`;

/** What each subgraph reported for its part of one request. */
export function CostTable({ subgraphs }: { subgraphs: Record<string, SubgraphCost> }) {
  const entries = Object.entries(subgraphs);
  if (entries.length === 0) return <p>No subgraph reported a cost.</p>;
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export { formatMs };

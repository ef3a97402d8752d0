import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SubgraphCost } from '@trace-arcade/service-runtime/perf-extension';
import { CostTable } from './CostTable.js';

const cost = (overrides: Partial<SubgraphCost> = {}): SubgraphCost => ({
  fetches: 1,
  ms: 12.3,
  sqlStatements: 3,
  sqlMs: 1.2,
  mongoCommands: 0,
  mongoMs: 0,
  httpCalls: 0,
  ...overrides,
});

describe('CostTable', () => {
  it('shows the pool wait and the heap where a subgraph reports them, a dash where another does not', () => {
    render(
      <CostTable
        subgraphs={{ game: cost({ poolWaitMs: 2434.6, heapUsedBytes: 146_800_640 }), users: cost({ heapUsedBytes: 52_428_800 }) }}
      />,
    );
    expect(screen.getByRole('columnheader', { name: 'Pool wait' })).toBeTruthy();
    expect(screen.getByTestId('game-pool-wait').textContent).toBe('2,434.6 ms');
    expect(screen.getByTestId('users-pool-wait').textContent).toBe('—');
    expect(screen.getByTestId('game-heap').textContent).toBe('140 MB');
    expect(screen.getByTestId('users-heap').textContent).toBe('50 MB');
  });

  it('leaves the columns out when no subgraph reports them', () => {
    render(<CostTable subgraphs={{ users: cost() }} />);
    expect(screen.queryByRole('columnheader', { name: 'Pool wait' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Heap used' })).toBeNull();
    expect(screen.getByTestId('users-sql').textContent).toBe('3');
  });
});

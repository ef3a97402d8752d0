import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

export interface LatencyPoint {
  mode: string;
  ms: number;
}

/** The two latency distributions on one log scale: each run a dot, each mode a box. */
export function CompareChart({ points, width = 560 }: { points: readonly LatencyPoint[]; width?: number }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = Plot.plot({
      width,
      height: 150,
      marginLeft: 50,
      x: { type: 'log', label: 'gateway time (ms, log scale)', grid: true },
      y: { label: null, domain: ['slow', 'fixed'] },
      color: { domain: ['slow', 'fixed'], range: ['#b42318', '#067647'] },
      marks: [
        Plot.boxX(points, { x: 'ms', y: 'mode', stroke: 'mode', fill: 'none' }),
        Plot.dot(points, { x: 'ms', y: 'mode', fill: 'mode', r: 4 }),
      ],
    });
    // The container is one image with its own label; Plot's per-group labels (on `g`, where ARIA
    // prohibits them) would only repeat the mark names.
    for (const group of chart.querySelectorAll('g[aria-label]')) group.removeAttribute('aria-label');
    container.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [points, width]);
  return <div ref={container} className="chart" role="img" aria-label="Latency of each run, slow and fixed, on a log scale" />;
}

/**
 * Definitions for tests: two dashboards and two alert rules shaped like the repository's, written
 * to a temporary folder laid out as `sentry/` is.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AlertRule, Dashboard, Widget } from './definitions.js';

function widget(title: string, aggregate: string, conditions: string): Widget {
  return {
    title,
    displayType: 'line',
    widgetType: 'spans',
    interval: '5m',
    layout: { x: 0, y: 0, w: 3, h: 2, minH: 2 },
    queries: [{ name: '', fields: [aggregate], aggregates: [aggregate], columns: [], conditions, orderby: '' }],
  };
}

export const N_PLUS_ONE_DASHBOARD: Dashboard = {
  title: 'N+1 queries',
  period: '24h',
  widgets: [
    widget('Queries per request', 'count(span.duration)', 'span.op:db'),
    widget('p95 of resolver time', 'p95(span.duration)', 'span.op:graphql.resolve'),
  ],
};

export const POOL_DASHBOARD: Dashboard = {
  title: 'Connection pool',
  widgets: [widget('Acquire wait', 'p95(span.duration)', 'span.op:db.connection.acquire')],
};

export const SLOW_GATEWAY_ALERT: AlertRule = {
  name: 'Gateway p95 above 1 s',
  dataset: 'events_analytics_platform',
  eventTypes: ['trace_item_span'],
  aggregate: 'p95(span.duration)',
  query: 'is_transaction:true',
  timeWindow: 5,
  thresholdType: 0,
  resolveThreshold: null,
  triggers: [{ label: 'critical', alertThreshold: 1000, actions: [] }],
};

export const POOL_ALERT: AlertRule = {
  name: 'Pool wait above 200 ms',
  dataset: 'events_analytics_platform',
  eventTypes: ['trace_item_span'],
  aggregate: 'p95(span.duration)',
  query: 'span.op:db.connection.acquire',
  timeWindow: 10,
  thresholdType: 0,
  triggers: [
    { label: 'critical', alertThreshold: 500, actions: [] },
    { label: 'warning', alertThreshold: 200, actions: [] },
  ],
};

export interface DefinitionFiles {
  dashboards?: Record<string, unknown>;
  alerts?: Record<string, unknown>;
}

export const ALL_DEFINITIONS: DefinitionFiles = {
  dashboards: { 'n-plus-one.json': N_PLUS_ONE_DASHBOARD, 'connection-pool.json': POOL_DASHBOARD },
  alerts: { 'slow-gateway.json': SLOW_GATEWAY_ALERT, 'pool-wait.json': POOL_ALERT },
};

/** A temporary definitions folder; `remove` deletes it. Values that are strings are written as they are (broken JSON, say). */
export function writeDefinitions(files: DefinitionFiles = ALL_DEFINITIONS): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'trace-arcade-definitions-'));
  for (const [folder, entries] of Object.entries(files) as [string, Record<string, unknown> | undefined][]) {
    if (!entries) continue;
    mkdirSync(path.join(dir, folder), { recursive: true });
    for (const [name, content] of Object.entries(entries)) {
      writeFileSync(path.join(dir, folder, name), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

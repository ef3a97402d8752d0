import * as Sentry from '@sentry/node';

/**
 * The span data Sentry's Insights pages read, per module. Sources: the SDK developer docs' module
 * specs (develop-docs/sdk/telemetry/traces/modules/queries.mdx 1.1.0, requests.mdx 1.2.0,
 * caches.mdx in getsentry/sentry-docs) and the attribute names of sentry-conventions
 * (`@sentry/conventions` 0.24.0, which `@sentry/node` 11.1.0 ships).
 *
 * - Queries: op `db*`, a scrubbed description, `db.system`; for MongoDB `db.system` = `mongodb`,
 *   `db.operation`, `db.collection.name` and a JSON description with `"?"` for values.
 * - Requests: op `http.client`, `server.address` and `http.response.status_code` (and `server.port`,
 *   which sentry-conventions lists with them).
 * - Caches: `cache.get` with `cache.hit` and `cache.key`; `cache.put` with `cache.key`.
 */
export const INSIGHTS_SPAN_DATA = {
  queries: ['db.system'],
  mongoQueries: ['db.system', 'db.operation', 'db.collection.name'],
  requests: ['server.address', 'server.port', 'http.response.status_code'],
  cacheGet: ['cache.hit', 'cache.key'],
  cachePut: ['cache.key'],
} as const;

export type InsightsModule = keyof typeof INSIGHTS_SPAN_DATA;

/** A span as a transaction event carries it. */
export interface InsightsSpan {
  op?: string;
  description?: string;
  data?: Record<string, unknown>;
}

/**
 * Acquiring a pooled connection (`db.connection.acquire`, measured-pool.ts) runs no statement: it is
 * database time, not a query, and stays out of the Queries module.
 */
const isQuery = (op: string) => (op === 'db' || op.startsWith('db.')) && !op.startsWith('db.connection');

/** The Insights module that reads `span`, if any. */
export function insightsModuleOf(span: InsightsSpan): InsightsModule | undefined {
  const op = span.op ?? '';
  if (isQuery(op)) return (span.data?.['db.system'] ?? span.data?.['db.system.name']) === 'mongodb' ? 'mongoQueries' : 'queries';
  if (op === 'http.client') return 'requests';
  if (op === 'cache.get') return 'cacheGet';
  if (op === 'cache.put') return 'cachePut';
  return undefined;
}

/** What `span` lacks for its Insights module: missing data keys, or a description that is not what the module reads. */
export function missingInsightsData(span: InsightsSpan): string[] {
  const module = insightsModuleOf(span);
  if (!module) return [];
  const missing: string[] = INSIGHTS_SPAN_DATA[module].filter((key) => span.data?.[key] === undefined || span.data[key] === '');
  if (module === 'mongoQueries' && !isScrubbedJson(span.description)) missing.push('description: JSON with "?" for values');
  if (module === 'queries' && !span.description) missing.push('description');
  return missing;
}

function isScrubbedJson(description: string | undefined): boolean {
  if (!description) return false;
  try {
    const scalars: unknown[] = [];
    JSON.parse(description, (_key, value: unknown) => {
      if (value === null || typeof value !== 'object') scalars.push(value);
      return value;
    });
    return scalars.every((value) => value === '?');
  } catch {
    return false;
  }
}

/**
 * The data the SDK's spans lack for Insights, added when each span ends (the SDK's `spanEnd` hook,
 * before the span is frozen and sent): `@sentry/node` 11 names the database `db.system.name` and the
 * command `db.operation.name` (sentry-conventions' current names), where the Queries module reads their
 * older aliases `db.system` and `db.operation`; and the http integration's spans for requests made
 * with `http.request` (the gateway's calls to subgraphs) carry `url.port` but no `server.port`.
 */
export function insightsSpanDataIntegration() {
  return {
    name: 'InsightsSpanData',
    setup(client: Sentry.NodeClient) {
      client.on('spanEnd', (span) => {
        const { op, data } = Sentry.spanToStaticSpanJSON(span);
        if (isQuery(op ?? '')) {
          if (data['db.system'] === undefined && data['db.system.name'] !== undefined)
            span.setAttribute('db.system', data['db.system.name']);
          if (data['db.operation'] === undefined && data['db.operation.name'] !== undefined) {
            span.setAttribute('db.operation', data['db.operation.name']);
          }
        } else if (op === 'http.client' && data['server.port'] === undefined) {
          const port = portOf(data['url.full']);
          if (port !== undefined) span.setAttribute('server.port', port);
        }
      });
    },
  };
}

/** The port of an absolute URL, the scheme's default when it names none. */
function portOf(url: unknown): number | undefined {
  if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
  const { port, protocol } = new URL(url);
  if (port) return Number(port);
  return protocol === 'https:' ? 443 : protocol === 'http:' ? 80 : undefined;
}

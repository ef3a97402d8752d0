/**
 * The few Sentry web API calls that applying definitions needs, over plain `fetch`.
 *
 * What Sentry's source says (getsentry/sentry):
 * - `src/sentry/dashboards/endpoints/organization_dashboards.py`: `GET /api/0/organizations/{org}/dashboards/`
 *   lists the organization's dashboards with cursor pagination (a `Link` header whose `rel="next"`
 *   entry says `results="true"` while another page exists); `query` filters titles by substring
 *   (case-insensitive), so a match still has to be compared exactly. Unless `filter=excludePrebuilt`
 *   is given, the list also holds prebuilt dashboards: "General" (id `default-overview`, not a
 *   number) and the Insights ones, which cannot be edited. `POST` creates one; a title already
 *   taken is not an error there: Sentry renames the new one ("… copy"), so looking first is what
 *   keeps a second apply from duplicating. Scopes: `org:read` is enough for GET, POST and PUT.
 * - `src/sentry/dashboards/endpoints/organization_dashboard_details.py` (with
 *   `DashboardDetailsSerializer` in `src/sentry/api/serializers/rest_framework/dashboard.py`):
 *   `PUT /api/0/organizations/{org}/dashboards/{dashboard_id}/` replaces the widgets: widgets without
 *   an `id` are created, the dashboard's widgets missing from the body are deleted. So the body of a
 *   definition, which has no widget ids, is a valid PUT body, and the dashboard ends up with exactly
 *   the definition's widgets.
 * - `src/sentry/incidents/endpoints/organization_alert_rule_index.py`: `POST
 *   /api/0/organizations/{org}/alert-rules/` creates a metric alert rule (201; 202 with a `uuid`
 *   when Sentry must look a Slack channel up first). Names are not unique in Sentry, so the rules are
 *   looked up in the project's own list, `GET /api/0/projects/{org}/{project}/alert-rules/`
 *   (`src/sentry/incidents/endpoints/project_alert_rule_index.py`, offset pagination, same `Link`
 *   header), rather than across the organization.
 * - `src/sentry/incidents/endpoints/organization_alert_rule_details.py`: `PUT
 *   /api/0/organizations/{org}/alert-rules/{alert_rule_id}/` takes the whole rule again (triggers
 *   and actions left out are removed). `OrganizationAlertRulePermission`
 *   (`src/sentry/api/bases/organization.py`) wants `alerts:write` (or `org:write`) for PUT and POST,
 *   `org:read` or `alerts:read` for GET.
 * - `GET /api/0/projects/{org}/{project}/` (`ProjectEndpoint`, scope `project:read`) answers 404 for
 *   a project the organization does not have.
 * - Authentication: `Authorization: Bearer <token>` with a user auth token or an internal
 *   integration's token. Organization tokens (`sntrys_…`) carry `org:ci` only, which none of these
 *   endpoints accept.
 *
 * Why plain `fetch` and not a Sentry CLI: `sentry-cli` (the `@sentry/cli` package, getsentry/sentry-cli)
 * has commands for releases, source maps, debug files, deploys, cron monitors, events, issues and
 * logs, but none for dashboards or metric alert rules. The newer `sentry` CLI (getsentry/cli) has
 * `sentry dashboard create <title> --widget-json` and, in recent releases, `sentry alert metrics
 * create|edit` with one flag per field: neither takes a whole definition body, and neither updates a
 * dashboard by title, which is the whole point here. Node's `fetch` needs no dependency, runs in
 * the gateway image as it is, and is tested against a local server.
 */

/** The scopes a token needs for everything the apply command does. */
export const REQUIRED_SCOPES = ['org:read', 'project:read', 'alerts:write'] as const;

export interface SentryApiOptions {
  /** e.g. https://sentry.io, or a self-hosted Sentry's address (a path prefix is kept). */
  baseUrl: URL;
  token: string;
  org: string;
  /** Per request; a request that takes longer fails as unreachable. */
  timeoutMs?: number;
  /** Safety bound on pagination. */
  maxPages?: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT';

/** Sentry answered with a status outside 2xx. */
export class SentryApiError extends Error {
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly status: number,
    /** Sentry's error body, flattened to one line ('' when it sent none). */
    readonly detail: string,
  ) {
    super(`${method} ${path} answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'SentryApiError';
  }
}

/** No HTTP answer at all: refused, DNS, TLS, or the timeout. */
export class SentryUnreachableError extends Error {
  constructor(
    readonly method: HttpMethod,
    readonly url: string,
    readonly reason: string,
  ) {
    super(`cannot reach Sentry at ${url} (${method}): ${reason}`);
    this.name = 'SentryUnreachableError';
  }
}

/** Sentry answered 2xx with a body this client does not understand. */
export class SentryResponseError extends Error {
  constructor(method: HttpMethod, path: string, expected: string, got: string) {
    super(`${method} ${path}: expected ${expected}; got ${got}`);
    this.name = 'SentryResponseError';
  }
}

export interface DashboardSummary {
  id: string;
  title: string;
}

export interface AlertRuleSummary {
  id: string;
  name: string;
}

export interface ProjectSummary {
  id: string;
  slug: string;
}

/** What a create or update answered: the object's id, or (alert rules, 202) the uuid of Sentry's pending task. */
export type WriteResult = { id: string } | { pendingTaskUuid: string };

/**
 * Sentry's error bodies: `{"detail": "…"}`, a serializer's `{"field": ["…"], "nested": {"0": …}}`,
 * a list of messages, or a plain string. One line, fields named by their path.
 */
export function flattenErrorBody(body: unknown, prefix = ''): string {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') return prefix ? `${prefix}: ${body}` : body;
  if (typeof body === 'number' || typeof body === 'boolean') return flattenErrorBody(String(body), prefix);
  if (Array.isArray(body)) {
    return body
      .map((item) => flattenErrorBody(item, prefix))
      .filter((text) => text !== '')
      .join('; ');
  }
  if (typeof body === 'object') {
    return Object.entries(body as Record<string, unknown>)
      .map(([key, value]) => {
        const path = key === 'detail' || key === 'non_field_errors' ? prefix : prefix ? `${prefix}.${key}` : key;
        return flattenErrorBody(value, path);
      })
      .filter((text) => text !== '')
      .join('; ');
  }
  return '';
}

/**
 * The `cursor` of a `Link` header's `rel="next"` entry when it says more results follow, e.g.
 * `<https://sentry.io/api/0/…&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"`.
 */
export function nextCursor(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const entry of link.split(/,\s*(?=<)/)) {
    const params = new Map([...entry.matchAll(/;\s*([a-z]+)="([^"]*)"/g)].map((match) => [match[1]!, match[2]!] as const));
    if (params.get('rel') === 'next') return params.get('results') === 'true' ? params.get('cursor') : undefined;
  }
  return undefined;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sentry serializes ids as strings; accept numbers too. */
function idOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

const encode = encodeURIComponent;

export class SentryApiClient {
  readonly #base: URL;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #maxPages: number;
  readonly org: string;

  constructor(options: SentryApiOptions) {
    this.#base = new URL(options.baseUrl.href.endsWith('/') ? options.baseUrl.href : `${options.baseUrl.href}/`);
    this.#token = options.token;
    this.org = options.org;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxPages = options.maxPages ?? 100;
  }

  dashboardsPath(): string {
    return `/api/0/organizations/${encode(this.org)}/dashboards/`;
  }

  dashboardPath(id: string): string {
    return `/api/0/organizations/${encode(this.org)}/dashboards/${encode(id)}/`;
  }

  alertRulesPath(): string {
    return `/api/0/organizations/${encode(this.org)}/alert-rules/`;
  }

  alertRulePath(id: string): string {
    return `/api/0/organizations/${encode(this.org)}/alert-rules/${encode(id)}/`;
  }

  projectPath(project: string): string {
    return `/api/0/projects/${encode(this.org)}/${encode(project)}/`;
  }

  projectAlertRulesPath(project: string): string {
    return `/api/0/projects/${encode(this.org)}/${encode(project)}/alert-rules/`;
  }

  /** The project, or a SentryApiError with status 404 when the organization has none of that slug. */
  async getProject(project: string): Promise<ProjectSummary> {
    const path = this.projectPath(project);
    const { body } = await this.#request('GET', path);
    const id = isRecord(body) ? idOf(body['id']) : undefined;
    const slug = isRecord(body) ? body['slug'] : undefined;
    if (id === undefined || typeof slug !== 'string')
      throw new SentryResponseError('GET', path, 'a project with an id and a slug', describe(body));
    return { id, slug };
  }

  /** The organization's own dashboards (prebuilt ones left out), every page. */
  async listDashboards(): Promise<DashboardSummary[]> {
    const path = this.dashboardsPath();
    const items = await this.#list(path, { filter: 'excludePrebuilt', per_page: '100' });
    return items.map((item) => {
      const id = isRecord(item) ? idOf(item['id']) : undefined;
      const title = isRecord(item) ? item['title'] : undefined;
      if (id === undefined || typeof title !== 'string')
        throw new SentryResponseError('GET', path, 'dashboards with an id and a title', describe(item));
      return { id, title };
    });
  }

  /** The project's metric alert rules, every page. */
  async listProjectAlertRules(project: string): Promise<AlertRuleSummary[]> {
    const path = this.projectAlertRulesPath(project);
    const items = await this.#list(path, { per_page: '100' });
    return items.map((item) => {
      const id = isRecord(item) ? idOf(item['id']) : undefined;
      const name = isRecord(item) ? item['name'] : undefined;
      if (id === undefined || typeof name !== 'string')
        throw new SentryResponseError('GET', path, 'alert rules with an id and a name', describe(item));
      return { id, name };
    });
  }

  createDashboard(body: object): Promise<WriteResult> {
    return this.#write('POST', this.dashboardsPath(), body);
  }

  updateDashboard(id: string, body: object): Promise<WriteResult> {
    return this.#write('PUT', this.dashboardPath(id), body);
  }

  createAlertRule(body: object): Promise<WriteResult> {
    return this.#write('POST', this.alertRulesPath(), body);
  }

  updateAlertRule(id: string, body: object): Promise<WriteResult> {
    return this.#write('PUT', this.alertRulePath(id), body);
  }

  async #write(method: 'POST' | 'PUT', path: string, payload: object): Promise<WriteResult> {
    const { status, body } = await this.#request(method, path, payload);
    if (status === 202 && isRecord(body) && typeof body['uuid'] === 'string') return { pendingTaskUuid: body['uuid'] };
    const id = isRecord(body) ? idOf(body['id']) : undefined;
    if (id === undefined) throw new SentryResponseError(method, path, 'the saved object with its id', describe(body));
    return { id };
  }

  async #list(path: string, query: Record<string, string>): Promise<unknown[]> {
    const items: unknown[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < this.#maxPages; page += 1) {
      const params = new URLSearchParams(query);
      if (cursor !== undefined) params.set('cursor', cursor);
      const pagePath = `${path}?${params.toString()}`;
      const { body, link } = await this.#request('GET', pagePath);
      if (!Array.isArray(body)) throw new SentryResponseError('GET', pagePath, 'a JSON array', describe(body));
      items.push(...(body as unknown[]));
      cursor = nextCursor(link);
      if (cursor === undefined) return items;
    }
    throw new SentryResponseError('GET', path, `at most ${this.#maxPages} pages`, 'a Link header that kept announcing more');
  }

  async #request(method: HttpMethod, path: string, payload?: object): Promise<{ status: number; body: unknown; link: string | null }> {
    const url = new URL(path.replace(/^\//, ''), this.#base);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new SentryUnreachableError(method, url.origin, reasonOf(error, this.#timeoutMs));
    }
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    if (text !== '') {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        // Not JSON (an HTML error page, a proxy's text): keep the text.
      }
    }
    if (!response.ok) {
      const detail = typeof body === 'string' ? body.replace(/\s+/g, ' ').trim().slice(0, 300) : flattenErrorBody(body);
      throw new SentryApiError(method, path, response.status, detail);
    }
    return { status: response.status, body, link: response.headers.get('link') };
  }
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

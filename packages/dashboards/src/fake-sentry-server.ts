/**
 * A stand-in for the parts of Sentry's web API that the apply command uses, on 127.0.0.1, for
 * tests only. It keeps state as Sentry does: dashboards of the organization (plus the prebuilt
 * "General" one unless `filter=excludePrebuilt`), metric alert rules bound to projects, cursor
 * pagination with a `Link` header, a dashboard title taken on POST renamed to "<title> copy", and
 * a dashboard PUT that replaces the widgets. It checks the bearer token, methods, paths and bodies,
 * and records every request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

export interface StoredDashboard {
  id: string;
  title: string;
  widgets: Record<string, unknown>[];
  [field: string]: unknown;
}

export interface StoredAlertRule {
  id: string;
  name: string;
  projects: string[];
  [field: string]: unknown;
}

export interface CannedAnswer {
  status: number;
  body?: unknown;
  /** A `Link` header. */
  link?: string;
}

export interface FakeSentryOptions {
  token?: string;
  org?: string;
  /** Project slugs the organization has. */
  projects?: string[];
  /** Items per page of every list. */
  pageSize?: number;
  /** Answers a request before the fake handles it (auth checks included), when it returns one. */
  intercept?: (request: RecordedRequest) => CannedAnswer | undefined;
}

const PREBUILT_GENERAL = { id: 'default-overview', title: 'General', widgetDisplay: [], widgetPreview: [] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class FakeSentry {
  readonly token: string;
  readonly org: string;
  readonly projects: Map<string, string>;
  readonly pageSize: number;
  readonly dashboards = new Map<string, StoredDashboard>();
  readonly alertRules = new Map<string, StoredAlertRule>();
  readonly requests: RecordedRequest[] = [];
  intercept: FakeSentryOptions['intercept'];
  #nextId = 1;
  #server: Server | undefined;
  #url = '';

  constructor(options: FakeSentryOptions = {}) {
    this.token = options.token ?? 'test-token';
    this.org = options.org ?? 'acme';
    this.projects = new Map((options.projects ?? ['trace-arcade']).map((slug, index) => [slug, String(4500 + index)]));
    this.pageSize = options.pageSize ?? 100;
    this.intercept = options.intercept;
  }

  get url(): string {
    if (!this.#url) throw new Error('FakeSentry: expected start() first');
    return this.#url;
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      void this.#handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A dashboard that exists before any apply (made in Sentry's UI, say). */
  addDashboard(title: string, widgets: Record<string, unknown>[] = []): StoredDashboard {
    const dashboard: StoredDashboard = { id: this.#id(), title, widgets: widgets.map((widget) => ({ ...widget, id: this.#id() })) };
    this.dashboards.set(dashboard.id, dashboard);
    return dashboard;
  }

  addAlertRule(name: string, projects: string[], fields: Record<string, unknown> = {}): StoredAlertRule {
    const rule: StoredAlertRule = { ...fields, id: this.#id(), name, projects };
    this.alertRules.set(rule.id, rule);
    return rule;
  }

  /** The requests that change state. */
  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method !== 'GET');
  }

  #id(): string {
    const id = String(this.#nextId);
    this.#nextId += 1;
    return id;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://fake');
    let body: unknown = undefined;
    if (text !== '') {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
      }
    }
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
      body,
    };
    this.requests.push(recorded);
    const answer = this.intercept?.(recorded) ?? this.#answer(recorded);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (answer.link) headers['link'] = answer.link;
    response.writeHead(answer.status, headers);
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  #answer(request: RecordedRequest): CannedAnswer {
    if (request.authorization !== `Bearer ${this.token}`) return { status: 401, body: { detail: 'Invalid token' } };
    if (request.method !== 'GET' && !request.contentType?.startsWith('application/json')) {
      return { status: 415, body: { detail: `Unsupported media type "${request.contentType}" in request.` } };
    }
    const org = encodeURIComponent(this.org);
    const notFound = { status: 404, body: { detail: 'The requested resource does not exist' } };
    const route = (pattern: string) => new RegExp(`^${pattern.replace('{org}', org)}$`).exec(request.path);

    let match = route('/api/0/projects/{org}/([^/]+)/');
    if (match && request.method === 'GET') {
      const id = this.projects.get(decodeURIComponent(match[1]!));
      return id === undefined ? notFound : { status: 200, body: { id, slug: decodeURIComponent(match[1]!), name: match[1] } };
    }
    match = route('/api/0/projects/{org}/([^/]+)/alert-rules/');
    if (match && request.method === 'GET') {
      const project = decodeURIComponent(match[1]!);
      if (!this.projects.has(project)) return notFound;
      return this.#page(
        request,
        [...this.alertRules.values()].filter((rule) => rule.projects.includes(project)),
      );
    }
    if (route('/api/0/organizations/{org}/dashboards/')) {
      if (request.method === 'GET') {
        const own = [...this.dashboards.values()].map(({ id, title, widgets }) => ({
          id,
          title,
          widgetDisplay: widgets.map((w) => w['displayType']),
        }));
        return this.#page(request, request.query.get('filter') === 'excludePrebuilt' ? own : [PREBUILT_GENERAL, ...own]);
      }
      if (request.method === 'POST') return this.#createDashboard(request.body);
    }
    match = route('/api/0/organizations/{org}/dashboards/([^/]+)/');
    if (match && request.method === 'PUT') {
      const dashboard = this.dashboards.get(decodeURIComponent(match[1]!));
      return dashboard ? this.#updateDashboard(dashboard, request.body) : notFound;
    }
    if (route('/api/0/organizations/{org}/alert-rules/') && request.method === 'POST') return this.#saveAlertRule(undefined, request.body);
    match = route('/api/0/organizations/{org}/alert-rules/([^/]+)/');
    if (match && request.method === 'PUT') {
      const rule = this.alertRules.get(decodeURIComponent(match[1]!));
      return rule ? this.#saveAlertRule(rule, request.body) : notFound;
    }
    return match || request.path.startsWith(`/api/0/organizations/${org}/`) || request.path.startsWith(`/api/0/projects/${org}/`)
      ? { status: 405, body: { detail: `Method "${request.method}" not allowed.` } }
      : notFound;
  }

  /** Sentry's cursor pagination: `0:<offset>:0`, a Link header with previous and next. */
  #page(request: RecordedRequest, items: unknown[]): CannedAnswer & { link: string } {
    const perPage = Math.min(this.pageSize, Number(request.query.get('per_page') ?? this.pageSize) || this.pageSize);
    const offset = Number((request.query.get('cursor') ?? '0:0:0').split(':')[1] ?? 0);
    const pageUrl = (cursor: string) => {
      const query = new URLSearchParams(request.query);
      query.set('cursor', cursor);
      return `<${this.url}${request.path}?${query.toString()}>`;
    };
    const previous = `0:${Math.max(0, offset - perPage)}:1`;
    const next = `0:${offset + perPage}:0`;
    const link = [
      `${pageUrl(previous)}; rel="previous"; results="${offset > 0}"; cursor="${previous}"`,
      `${pageUrl(next)}; rel="next"; results="${offset + perPage < items.length}"; cursor="${next}"`,
    ].join(', ');
    return { status: 200, body: items.slice(offset, offset + perPage), link };
  }

  #widgetErrors(body: Record<string, unknown>, dashboard: StoredDashboard | undefined): Record<string, unknown> | undefined {
    if (typeof body['title'] !== 'string' || body['title'] === '') return { title: ['This field is required.'] };
    if (!Array.isArray(body['widgets'])) return { widgets: ['Expected a list of items.'] };
    for (const [index, widget] of (body['widgets'] as unknown[]).entries()) {
      if (!isRecord(widget) || typeof widget['title'] !== 'string') return { widgets: { [index]: { title: ['This field is required.'] } } };
      if (widget['id'] !== undefined && !dashboard?.widgets.some((existing) => existing['id'] === widget['id'])) {
        return { widgets: [`You cannot update widgets that are not part of this dashboard.`] };
      }
    }
    return undefined;
  }

  #createDashboard(body: unknown): CannedAnswer {
    if (!isRecord(body)) return { status: 400, body: { non_field_errors: ['Invalid data. Expected a dictionary.'] } };
    const errors = this.#widgetErrors(body, undefined);
    if (errors) return { status: 400, body: errors };
    let title = body['title'] as string;
    // Sentry keeps titles unique per organization by renaming the new dashboard.
    while ([...this.dashboards.values()].some((dashboard) => dashboard.title === title)) title = `${title} copy`;
    const id = this.#id();
    const widgets = (body['widgets'] as Record<string, unknown>[]).map((widget) => ({ ...widget, id: this.#id() }));
    const dashboard: StoredDashboard = { ...body, id, title, widgets };
    this.dashboards.set(id, dashboard);
    return { status: 201, body: dashboard };
  }

  #updateDashboard(dashboard: StoredDashboard, body: unknown): CannedAnswer {
    if (!isRecord(body)) return { status: 400, body: { non_field_errors: ['Invalid data. Expected a dictionary.'] } };
    const errors = this.#widgetErrors(body, dashboard);
    if (errors) return { status: 400, body: errors };
    const title = body['title'] as string;
    if ([...this.dashboards.values()].some((other) => other.id !== dashboard.id && other.title === title)) {
      return { status: 409, body: { detail: 'Dashboard with that title already exists.' } };
    }
    // Widgets without an id are created; those left out are removed.
    const widgets = (body['widgets'] as Record<string, unknown>[]).map((widget) => ({ ...widget, id: widget['id'] ?? this.#id() }));
    const updated: StoredDashboard = { ...body, id: dashboard.id, title, widgets };
    this.dashboards.set(dashboard.id, updated);
    return { status: 200, body: updated };
  }

  #saveAlertRule(existing: StoredAlertRule | undefined, body: unknown): CannedAnswer {
    if (!isRecord(body)) return { status: 400, body: { non_field_errors: ['Invalid data. Expected a dictionary.'] } };
    const missing = ['name', 'aggregate', 'timeWindow', 'triggers'].filter((field) => body[field] === undefined);
    if (missing.length > 0) return { status: 400, body: Object.fromEntries(missing.map((field) => [field, ['This field is required.']])) };
    const projects = body['projects'];
    if (!Array.isArray(projects) || projects.length === 0) return { status: 400, body: { projects: ['This field is required.'] } };
    const unknown = projects.filter((project) => typeof project !== 'string' || !this.projects.has(project));
    if (unknown.length > 0) return { status: 400, body: { projects: [`Invalid project: ${unknown.join(', ')}`] } };
    const rule: StoredAlertRule = { ...body, id: existing?.id ?? this.#id(), name: body['name'] as string, projects: projects as string[] };
    this.alertRules.set(rule.id, rule);
    return { status: existing ? 200 : 201, body: rule };
  }
}

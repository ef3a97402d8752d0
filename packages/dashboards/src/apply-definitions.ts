/**
 * Applies definitions to a Sentry organization idempotently: each dashboard is matched to the
 * organization's dashboard of the same title, each alert rule to the project's rule of the same
 * name; a match is updated (PUT), anything else created (POST). A second apply therefore updates
 * everything and creates nothing.
 *
 * A dry run sends no POST or PUT: it still sends the GETs that decide between create and update
 * (the project, the dashboards, the project's alert rules), so its plan is the one a real apply
 * would carry out, and it reports each request it would send.
 */
import type { Definition } from './load-definitions.js';
import { DefinitionError } from './load-definitions.js';
import type { SentryApiClient, WriteResult } from './sentry-api-client.js';
import { SentryApiError } from './sentry-api-client.js';

export interface ApplyOptions {
  /** The project's slug: alert rules are created for it, and matched among its rules. */
  project: string;
  dryRun: boolean;
  /** One line per definition, as it is applied (or, in a dry run, planned). */
  report: (line: string) => void;
  /**
   * Checks every definition before anything is sent; each problem is a message. The seam for a
   * validator of Sentry's rules (none by default: Sentry judges what it receives).
   */
  validate?: (definition: Definition) => readonly string[];
}

export interface PlannedWrite {
  definition: Definition;
  action: 'create' | 'update';
  /** The existing object's id, for an update. */
  id?: string;
  method: 'POST' | 'PUT';
  path: string;
  body: object;
}

export interface AppliedWrite extends PlannedWrite {
  /** Absent in a dry run. */
  result?: WriteResult;
}

/** SENTRY_PROJECT names no project of the organization. */
export class UnknownProjectError extends Error {
  override name = 'UnknownProjectError';
  constructor(
    readonly org: string,
    readonly project: string,
    override readonly cause: SentryApiError,
  ) {
    super(`SENTRY_PROJECT=${project}: expected a project of organization "${org}"; ${cause.method} ${cause.path} answered 404`);
  }
}

/** A create or update that Sentry refused, with the definition it was for. */
export class DefinitionWriteError extends Error {
  override name = 'DefinitionWriteError';
  constructor(
    readonly write: PlannedWrite,
    override readonly cause: SentryApiError,
  ) {
    super(`${write.definition.file}: ${write.action} ${write.definition.kind} "${write.definition.name}": ${cause.message}`);
  }
}

/** The request body: an alert rule gets the project; a dashboard goes as it is written. */
function bodyFor(definition: Definition, project: string): object {
  return definition.kind === 'alert rule' ? { ...definition.body, projects: [project] } : definition.body;
}

/** The same name found more than once where the command must pick one (alert rule names are not unique in Sentry). */
function single<T extends { id: string }>(matches: readonly T[], definition: Definition, where: string): T | undefined {
  if (matches.length > 1) {
    throw new DefinitionError(
      `${definition.file}: ${matches.length} ${definition.kind}s named "${definition.name}" in ${where} (ids ${matches
        .map((match) => match.id)
        .join(', ')}); expected at most one: delete or rename the extra ones`,
    );
  }
  return matches[0];
}

/** The POST or PUT for each definition, decided from what the organization already has. */
export async function planApply(definitions: readonly Definition[], client: SentryApiClient, project: string): Promise<PlannedWrite[]> {
  try {
    await client.getProject(project);
  } catch (error) {
    if (error instanceof SentryApiError && error.status === 404) throw new UnknownProjectError(client.org, project, error);
    throw error;
  }
  const dashboards = definitions.some((definition) => definition.kind === 'dashboard') ? await client.listDashboards() : [];
  const rules = definitions.some((definition) => definition.kind === 'alert rule') ? await client.listProjectAlertRules(project) : [];

  return definitions.map((definition): PlannedWrite => {
    const body = bodyFor(definition, project);
    // A dashboard is matched in the organization by its title, an alert rule in the project by its name.
    const target =
      definition.kind === 'dashboard'
        ? {
            matches: dashboards.filter((dashboard) => dashboard.title === definition.name) as readonly { id: string }[],
            scope: `organization "${client.org}"`,
            itemPath: (id: string) => client.dashboardPath(id),
            listPath: client.dashboardsPath(),
          }
        : {
            matches: rules.filter((rule) => rule.name === definition.name),
            scope: `project "${project}"`,
            itemPath: (id: string) => client.alertRulePath(id),
            listPath: client.alertRulesPath(),
          };
    const existing = single(target.matches, definition, target.scope);
    return existing
      ? { definition, action: 'update', id: existing.id, method: 'PUT', path: target.itemPath(existing.id), body }
      : { definition, action: 'create', method: 'POST', path: target.listPath, body };
  });
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** What a request body holds, in a few words: a dry run shows it beside the method and path. */
export function summarizeBody(write: PlannedWrite): string {
  const { definition } = write;
  if (definition.kind === 'dashboard') {
    const widgets = Array.isArray(definition.body.widgets) ? definition.body.widgets.length : 0;
    return `title "${definition.name}", ${plural(widgets, 'widget')}`;
  }
  const triggers = Array.isArray(definition.body.triggers) ? definition.body.triggers.length : 0;
  const projects = (write.body as { projects?: unknown }).projects;
  return `name "${definition.name}", ${definition.body.dataset} ${definition.body.aggregate} over ${definition.body.timeWindow} min, ${plural(
    triggers,
    'trigger',
  )}, projects ${JSON.stringify(projects)}`;
}

function label(write: PlannedWrite): string {
  return `${write.definition.kind} "${write.definition.name}"`;
}

function doneLine(write: PlannedWrite, result: WriteResult): string {
  const verb = write.action === 'create' ? 'created' : 'updated';
  if ('id' in result) return `${verb} ${label(write)} (id ${result.id})`;
  return `${verb} ${label(write)} (Sentry finishes it in the background, looking up a Slack channel: task ${result.pendingTaskUuid})`;
}

/**
 * Validates, plans and carries out (or, with dryRun, reports) the writes, in definition order.
 * Stops at the first write Sentry refuses: what was applied before it stays, and applying again
 * picks up from there.
 */
export async function applyDefinitions(
  definitions: readonly Definition[],
  client: SentryApiClient,
  options: ApplyOptions,
): Promise<AppliedWrite[]> {
  if (options.validate) {
    const problems = definitions.flatMap((definition) => options.validate!(definition).map((problem) => `${definition.file}: ${problem}`));
    if (problems.length > 0) throw new DefinitionError(`${plural(problems.length, 'invalid definition')}: ${problems.join('; ')}`);
  }
  const plan = await planApply(definitions, client, options.project);
  const applied: AppliedWrite[] = [];
  for (const write of plan) {
    if (options.dryRun) {
      const id = write.id === undefined ? '' : ` (id ${write.id})`;
      options.report(`would ${write.action} ${label(write)}${id}: ${write.method} ${write.path} with ${summarizeBody(write)}`);
      applied.push(write);
      continue;
    }
    let result: WriteResult;
    try {
      if (write.definition.kind === 'dashboard') {
        result = write.id === undefined ? await client.createDashboard(write.body) : await client.updateDashboard(write.id, write.body);
      } else {
        result = write.id === undefined ? await client.createAlertRule(write.body) : await client.updateAlertRule(write.id, write.body);
      }
    } catch (error) {
      if (error instanceof SentryApiError) throw new DefinitionWriteError(write, error);
      throw error;
    }
    options.report(doneLine(write, result));
    applied.push({ ...write, result });
  }
  return applied;
}

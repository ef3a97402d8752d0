/**
 * Reads the definitions folder: `dashboards/*.json` (each the body of Sentry's dashboard POST) and
 * `alerts/*.json` (each the body of its metric alert rule POST, without `projects`). Only the
 * fields the apply command keys on are checked here (a dashboard's title and widgets, a rule's
 * name); the rest is Sentry's to judge, or the validator's that `applyDefinitions` can be given.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AlertRule, Dashboard } from './definitions.js';

/** The repository's `sentry/` folder, from this file's place in packages/dashboards/dist (or src). */
export const DEFAULT_DEFINITIONS_DIR = fileURLToPath(new URL('../../../sentry/', import.meta.url));

export interface DashboardDefinition {
  kind: 'dashboard';
  /** The file, as found under the definitions folder (for messages). */
  file: string;
  name: string;
  body: Dashboard;
}

export interface AlertRuleDefinition {
  kind: 'alert rule';
  file: string;
  name: string;
  body: AlertRule;
}

export type Definition = DashboardDefinition | AlertRuleDefinition;

/** A definition file (or the folder) is not what the command expects. */
export class DefinitionError extends Error {
  override name = 'DefinitionError';
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((entry) => entry.endsWith('.json'))
    .sort()
    .map((entry) => path.join(dir, entry));
}

function readObject(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new DefinitionError(`${file}: expected JSON; ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DefinitionError(`${file}: expected a JSON object; got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`);
  }
  return parsed as Record<string, unknown>;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function loadDashboard(file: string): DashboardDefinition {
  const body = readObject(file);
  if (!nonEmptyString(body['title']))
    throw new DefinitionError(`${file}: expected a non-empty "title"; got ${JSON.stringify(body['title'])}`);
  if (!Array.isArray(body['widgets']))
    throw new DefinitionError(`${file}: expected "widgets" to be an array; got ${JSON.stringify(body['widgets'])}`);
  return { kind: 'dashboard', file, name: body['title'], body: body as unknown as Dashboard };
}

function loadAlertRule(file: string): AlertRuleDefinition {
  const body = readObject(file);
  if (!nonEmptyString(body['name'])) throw new DefinitionError(`${file}: expected a non-empty "name"; got ${JSON.stringify(body['name'])}`);
  if ('projects' in body) {
    throw new DefinitionError(
      `${file}: expected no "projects" (the command sets it to SENTRY_PROJECT); got ${JSON.stringify(body['projects'])}`,
    );
  }
  return { kind: 'alert rule', file, name: body['name'], body: body as unknown as AlertRule };
}

/** Two files with one title (or rule name) would overwrite each other on every apply. */
function assertUniqueNames(definitions: readonly Definition[]): void {
  const seen = new Map<string, string>();
  for (const definition of definitions) {
    const key = `${definition.kind}\u0000${definition.name}`;
    const other = seen.get(key);
    if (other !== undefined) {
      throw new DefinitionError(
        `${definition.file}: ${definition.kind} "${definition.name}" is also defined in ${other}; expected one file per ${definition.kind}`,
      );
    }
    seen.set(key, definition.file);
  }
}

/** Every definition under `dir`, dashboards first, each kind in file name order. */
export function loadDefinitions(dir: string): Definition[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DefinitionError(`${dir}: expected a definitions folder (with dashboards/*.json and alerts/*.json); found none`);
  }
  const definitions: Definition[] = [
    ...jsonFiles(path.join(dir, 'dashboards')).map(loadDashboard),
    ...jsonFiles(path.join(dir, 'alerts')).map(loadAlertRule),
  ];
  if (definitions.length === 0) throw new DefinitionError(`${dir}: expected dashboards/*.json or alerts/*.json; found no definition`);
  assertUniqueNames(definitions);
  return definitions;
}

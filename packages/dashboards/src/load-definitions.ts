/**
 * The definitions the apply command sends: every file of a folder laid out like `sentry/`, validated
 * with Sentry's rules (`validate-definitions.ts`) before anything is sent, and keyed by what the
 * command matches existing dashboards and rules on (a dashboard's title, a rule's name).
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readDefinitionFiles } from './definition-files.js';
import type { AlertRule, Dashboard } from './definitions.js';
import { formatDefinitionProblem, validateDefinitionFiles } from './validate-definitions.js';

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

/** Every definition under `dir`, dashboards first, each kind in file name order; refused as a whole when one is not valid. */
export function loadDefinitions(dir: string): Definition[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DefinitionError(`${dir}: expected a definitions folder (with dashboards/*.json and alerts/*.json); found none`);
  }
  const files = readDefinitionFiles(dir);
  if (files.length === 0) throw new DefinitionError(`${dir}: expected dashboards/*.json or alerts/*.json; found no definition`);
  const problems = validateDefinitionFiles(files);
  if (problems.length > 0) {
    throw new DefinitionError(
      `expected definitions Sentry accepts; got ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map(formatDefinitionProblem).join('; ')}`,
    );
  }
  const definitions = files.map((definition): Definition => {
    const body = definition.body as Record<string, unknown>;
    if (definition.kind === 'dashboard')
      return { kind: 'dashboard', file: definition.file, name: String(body['title']), body: body as unknown as Dashboard };
    return { kind: 'alert rule', file: definition.file, name: String(body['name']), body: body as unknown as AlertRule };
  });
  assertUniqueNames(definitions);
  return definitions;
}

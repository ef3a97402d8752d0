/**
 * Loads the definitions under `sentry/` (`sentry/dashboards/*.json`, `sentry/alerts/*.json`) and validates each with
 * `validateDashboard` or `validateAlertRule`, whose rules follow getsentry/sentry's
 * `src/sentry/api/serializers/rest_framework/dashboard.py` and `src/sentry/incidents/serializers/alert_rule.py`.
 * Across files it adds the rule of `src/sentry/models/dashboard.py`: a dashboard's title is unique in its organization
 * (`unique_together = (organization, title)`). A file that is not JSON is a problem, never a crash. Node only.
 */

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateAlertRule } from './validate-alert-rule.js';
import { validateDashboard } from './validate-dashboard.js';
import type { ValidationProblem } from './validation-problem.js';

export type DefinitionKind = 'dashboard' | 'alert';

export interface DefinitionFile {
  kind: DefinitionKind;
  /** Relative to the repository root, with forward slashes: `sentry/dashboards/connection-pool.json`. */
  file: string;
  /** The parsed body, or `undefined` when the file is not JSON. */
  body: unknown;
  /** Why the file could not be read as JSON. */
  parseError?: string;
}

export interface DefinitionProblem extends ValidationProblem {
  file: string;
}

const DIRECTORIES: readonly [DefinitionKind, string][] = [
  ['dashboard', 'sentry/dashboards'],
  ['alert', 'sentry/alerts'],
];

/** Every `*.json` file under `sentry/dashboards` and `sentry/alerts`, in name order; a missing directory holds none. */
export function loadDefinitions(repoRoot: string): DefinitionFile[] {
  const files: DefinitionFile[] = [];
  for (const [kind, directory] of DIRECTORIES) {
    const absolute = join(repoRoot, directory);
    if (!existsSync(absolute)) continue;
    const names = readdirSync(absolute, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      const file = `${directory}/${name}`;
      const text = readFileSync(join(absolute, name), 'utf8');
      try {
        files.push({ kind, file, body: JSON.parse(text) as unknown });
      } catch (error) {
        files.push({ kind, file, body: undefined, parseError: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return files;
}

/** The problems of every definition, each with its file. */
export function validateDefinitionFiles(definitions: readonly DefinitionFile[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const titles = new Map<string, string>();
  for (const definition of definitions) {
    const { file, kind, body } = definition;
    if (definition.parseError !== undefined) {
      problems.push({ file, path: '', message: `expected a JSON document; got text that does not parse (${definition.parseError})` });
      continue;
    }
    const found = kind === 'dashboard' ? validateDashboard(body) : validateAlertRule(body);
    problems.push(...found.map((problem) => ({ file, ...problem })));
    if (kind === 'dashboard' && typeof body === 'object' && body !== null && 'title' in body && typeof body.title === 'string') {
      const other = titles.get(body.title);
      if (other !== undefined) {
        problems.push({
          file,
          path: 'title',
          message: `expected a title no other dashboard has (Sentry keeps titles unique in an organization); got ${JSON.stringify(body.title)}, also the title of ${other}`,
        });
      } else {
        titles.set(body.title, file);
      }
    }
  }
  return problems;
}

/** Loads and validates every definition under `repoRoot`. */
export function validateDefinitions(repoRoot: string): DefinitionProblem[] {
  return validateDefinitionFiles(loadDefinitions(repoRoot));
}

/** `sentry/dashboards/x.json: widgets[0].limit: expected …` */
export function formatDefinitionProblem(problem: DefinitionProblem): string {
  return `${problem.file}: ${problem.path === '' ? '' : `${problem.path}: `}${problem.message}`;
}

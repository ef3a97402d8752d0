/**
 * Validates the definitions under `sentry/` (`sentry/dashboards/*.json`, `sentry/alerts/*.json`), each with
 * `validateDashboard` or `validateAlertRule`, whose rules follow getsentry/sentry's
 * `src/sentry/api/serializers/rest_framework/dashboard.py` and `src/sentry/incidents/serializers/alert_rule.py`.
 * Across files it adds the rule of `src/sentry/models/dashboard.py`: a dashboard's title is unique in its organization
 * (`unique_together = (organization, title)`). A file that is not JSON is a problem, never a crash. Node only.
 */

import { join } from 'node:path';
import { readDefinitionFiles, type DefinitionFile } from './definition-files.js';
import { validateAlertRule } from './validate-alert-rule.js';
import { validateDashboard } from './validate-dashboard.js';
import type { ValidationProblem } from './validation-problem.js';

export interface DefinitionProblem extends ValidationProblem {
  file: string;
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

/** Reads and validates every definition under `repoRoot`'s `sentry/`. */
export function validateDefinitions(repoRoot: string): DefinitionProblem[] {
  return validateDefinitionFiles(readDefinitionFiles(join(repoRoot, 'sentry'), 'sentry'));
}

/** `sentry/dashboards/x.json: widgets[0].limit: expected …` */
export function formatDefinitionProblem(problem: DefinitionProblem): string {
  return `${problem.file}: ${problem.path === '' ? '' : `${problem.path}: `}${problem.message}`;
}

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { readDefinitionFiles } from './definition-files.js';
import { POOL_ALERT, POOL_DASHBOARD } from './definitions-fixture.js';
import { formatDefinitionProblem, validateDefinitions } from './validate-definitions.js';

/** This file runs as packages/dashboards/dist/validate-definitions.test.js. */
const REPO_ROOT = resolve(import.meta.dirname, '../../..');

const DASHBOARD = POOL_DASHBOARD;
const ALERT = POOL_ALERT;

function withRepo(files: Record<string, string>, check: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'definitions-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    check(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('definitions: every file under sentry/ validates with no problems, and there is at least one dashboard', () => {
  const definitions = readDefinitionFiles(join(REPO_ROOT, 'sentry'), 'sentry');
  const dashboards = definitions.filter((definition) => definition.kind === 'dashboard');
  assert.ok(dashboards.length > 0, `expected at least one dashboard under ${join(REPO_ROOT, 'sentry/dashboards')}; found no dashboards`);
  assert.deepEqual(validateDefinitions(REPO_ROOT).map(formatDefinitionProblem), []);
});

test('definitions: the loader reads a dashboard and an alert rule with their file names', () => {
  withRepo(
    {
      'sentry/dashboards/example.json': JSON.stringify(DASHBOARD),
      'sentry/alerts/pool-wait.json': JSON.stringify(ALERT),
      'sentry/alerts/README.md': '# not JSON',
    },
    (root) => {
      const definitions = readDefinitionFiles(join(root, 'sentry'), 'sentry');
      assert.deepEqual(
        definitions.map(({ kind, file }) => ({ kind, file })),
        [
          { kind: 'dashboard', file: 'sentry/dashboards/example.json' },
          { kind: 'alert', file: 'sentry/alerts/pool-wait.json' },
        ],
      );
      assert.deepEqual(definitions[0]?.body, DASHBOARD);
      assert.deepEqual(validateDefinitions(root), []);
    },
  );
});

test('definitions: problems carry their file; bad JSON is a problem, not a crash', () => {
  withRepo(
    {
      'sentry/dashboards/broken.json': '{"title": "Broken",',
      'sentry/dashboards/limit.json': JSON.stringify({ ...DASHBOARD, widgets: [{ ...DASHBOARD.widgets[0], limit: 0 }] }),
      'sentry/alerts/window.json': JSON.stringify({ ...ALERT, timeWindow: 3 }),
    },
    (root) => {
      const lines = validateDefinitions(root).map(formatDefinitionProblem);
      assert.equal(lines.length, 3, lines.join('\n'));
      assert.match(lines[0] ?? '', /^sentry\/dashboards\/broken\.json: expected a JSON document; got text that does not parse \(.+\)$/);
      assert.equal(lines[1], 'sentry/dashboards/limit.json: widgets[0].limit: expected an integer from 1 to 10; got 0');
      assert.equal(
        lines[2],
        'sentry/alerts/window.json: timeWindow: expected one of 5, 10, 15, 30, 60, 120, 240, 1440 minutes (at least 5 minutes on events_analytics_platform); got 3',
      );
    },
  );
});

test('definitions: two dashboards with one title are refused, as Sentry keeps titles unique in an organization', () => {
  withRepo({ 'sentry/dashboards/a.json': JSON.stringify(DASHBOARD), 'sentry/dashboards/b.json': JSON.stringify(DASHBOARD) }, (root) => {
    assert.deepEqual(validateDefinitions(root).map(formatDefinitionProblem), [
      'sentry/dashboards/b.json: title: expected a title no other dashboard has (Sentry keeps titles unique in an organization); got "Connection pool", also the title of sentry/dashboards/a.json',
    ]);
  });
});

test('definitions: a repository without sentry/ has no definitions', () => {
  withRepo({}, (root) => assert.deepEqual(readDefinitionFiles(join(root, 'sentry'), 'sentry'), []));
});

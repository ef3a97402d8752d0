import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { N_PLUS_ONE_DASHBOARD, POOL_ALERT, writeDefinitions, type DefinitionFiles } from './definitions-fixture.js';
import { DefinitionError, loadDefinitions } from './load-definitions.js';

const TIMEOUT = { timeout: 5_000 };

function loadFrom(files: DefinitionFiles) {
  const fixture = writeDefinitions(files);
  try {
    return loadDefinitions(fixture.dir);
  } finally {
    fixture.remove();
  }
}

test('dashboards then alert rules, each in file name order, named by title and name', TIMEOUT, () => {
  const fixture = writeDefinitions({
    dashboards: { 'b.json': N_PLUS_ONE_DASHBOARD, 'a.json': { title: 'First', widgets: [] }, 'notes.txt': 'not a definition' },
    alerts: { 'pool.json': POOL_ALERT },
  });
  try {
    const definitions = loadDefinitions(fixture.dir);
    assert.deepEqual(
      definitions.map((definition) => [definition.kind, definition.name, path.relative(fixture.dir, definition.file)]),
      [
        ['dashboard', 'First', path.join('dashboards', 'a.json')],
        ['dashboard', 'N+1 queries', path.join('dashboards', 'b.json')],
        ['alert rule', 'Pool wait above 200 ms', path.join('alerts', 'pool.json')],
      ],
    );
    assert.deepEqual(definitions[1]!.body, N_PLUS_ONE_DASHBOARD);
  } finally {
    fixture.remove();
  }
});

test('a folder with only one kind is fine; a missing or empty folder is refused', TIMEOUT, () => {
  assert.equal(loadFrom({ alerts: { 'pool.json': POOL_ALERT } }).length, 1);
  assert.throws(
    () => loadFrom({}),
    (error: unknown) => error instanceof DefinitionError && /found no definition/.test(error.message),
  );
  assert.throws(
    () => loadDefinitions('/nonexistent/definitions'),
    /\/nonexistent\/definitions: expected a definitions folder .*; found none/,
  );
});

test('each broken file is named with what was expected and what it holds', TIMEOUT, () => {
  const cases: [DefinitionFiles, RegExp][] = [
    [{ dashboards: { 'x.json': '{ "title": ' } }, /x\.json: expected JSON; /],
    [{ dashboards: { 'x.json': [N_PLUS_ONE_DASHBOARD] } }, /x\.json: expected a JSON object; got an array/],
    [{ dashboards: { 'x.json': { widgets: [] } } }, /x\.json: expected a non-empty "title"; got undefined/],
    [{ dashboards: { 'x.json': { title: 'T', widgets: {} } } }, /x\.json: expected "widgets" to be an array; got \{\}/],
    [{ alerts: { 'x.json': { ...POOL_ALERT, name: '' } } }, /x\.json: expected a non-empty "name"; got ""/],
    [
      { alerts: { 'x.json': { ...POOL_ALERT, projects: ['web'] } } },
      /x\.json: expected no "projects" \(the command sets it to SENTRY_PROJECT\); got \["web"\]/,
    ],
    [
      { dashboards: { 'a.json': N_PLUS_ONE_DASHBOARD, 'b.json': N_PLUS_ONE_DASHBOARD } },
      /b\.json: dashboard "N\+1 queries" is also defined in .*a\.json; expected one file per dashboard/,
    ],
  ];
  for (const [files, expected] of cases) {
    assert.throws(
      () => loadFrom(files),
      (error: unknown) => error instanceof DefinitionError && expected.test(error.message),
    );
  }
});

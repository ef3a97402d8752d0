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
    [{ dashboards: { 'x.json': '{ "title": ' } }, /x\.json: expected a JSON document; got text that does not parse/],
    [{ dashboards: { 'x.json': [N_PLUS_ONE_DASHBOARD] } }, /x\.json: expected a dashboard as a JSON object; got an array of 1/],
    [{ dashboards: { 'x.json': { widgets: [] } } }, /x\.json: title: expected a dashboard title; got nothing \(the key is required\)/],
    [{ dashboards: { 'x.json': { title: 'T', widgets: {} } } }, /x\.json: widgets: expected an array of widgets; got an object/],
    [{ alerts: { 'x.json': { ...POOL_ALERT, name: '' } } }, /x\.json: name: expected an alert rule name that is not blank; got ""/],
    [
      { alerts: { 'x.json': { ...POOL_ALERT, projects: ['web'] } } },
      /x\.json: projects: expected no projects \(the apply command adds the project it is given\); got an array of 1/,
    ],
    [
      { dashboards: { 'a.json': N_PLUS_ONE_DASHBOARD, 'b.json': N_PLUS_ONE_DASHBOARD } },
      /b\.json: title: expected a title no other dashboard has .*got "N\+1 queries", also the title of .*a\.json/,
    ],
    [
      { alerts: { 'a.json': POOL_ALERT, 'b.json': POOL_ALERT } },
      /b\.json: alert rule "Pool wait above 200 ms" is also defined in .*a\.json; expected one file per alert rule/,
    ],
  ];
  for (const [files, expected] of cases) {
    assert.throws(
      () => loadFrom(files),
      (error: unknown) => error instanceof DefinitionError && expected.test(error.message),
    );
  }
});

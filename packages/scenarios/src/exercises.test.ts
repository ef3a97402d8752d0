import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from './catalog.js';
import { EXERCISES, exerciseOf } from './exercises.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (repoPath: string) => readFileSync(path.join(REPO_ROOT, repoPath), 'utf8');

test('every scenario has an exercise, and every file of it exists: the attendee file, its start and the reference fix', () => {
  assert.deepEqual(Object.keys(EXERCISES).sort(), SCENARIOS.map((scenario) => scenario.name).sort());
  for (const scenario of SCENARIOS) {
    for (const file of exerciseOf(scenario.name).files) {
      for (const repoPath of [file.path, file.start, file.solution])
        assert.ok(existsSync(path.join(REPO_ROOT, repoPath)), `${scenario.name}: ${repoPath}`);
      assert.notEqual(read(file.start), read(file.solution), `${scenario.name}: the start and the reference fix differ`);
      // A service runs its exercise from its own src/workshop/, which the stack watches and `GET /workshop` reports.
      if (file.service) assert.match(file.path, new RegExp(`^subgraphs/${file.service}/src/workshop/${scenario.name}\\.ts$`));
    }
  }
});

test('each scenario file that switches twins runs the attendee file through the `yours` variant', () => {
  for (const scenario of SCENARIOS) {
    for (const file of exerciseOf(scenario.name).files.filter((candidate) => candidate.service)) {
      const uses = scenario.code.filter((code) => read(code).includes(`from '../workshop/${scenario.name}.js'`));
      assert.ok(uses.length > 0, `${scenario.name}: no file of the scenario's code imports ${file.path}`);
    }
  }
});

test('every exercise has three graded hints and a hint for each budget', () => {
  for (const scenario of SCENARIOS) {
    const exercise = exerciseOf(scenario.name);
    assert.equal(exercise.hints.length, 3, scenario.name);
    assert.ok(exercise.budgets.length > 0, `${scenario.name}: at least one cost is judged`);
    for (const budget of exercise.budgets) assert.ok(budget.hint.length > 20, `${scenario.name}: ${budget.measure} has a hint`);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeExercise, measureOf, type ExerciseRequestResult, type ExerciseRun } from './exercise-verdict.js';
import { EXERCISES } from './exercises.js';

function request(data: unknown, perf: ExerciseRequestResult['perf'], error: ExerciseRequestResult['error'] = null): ExerciseRequestResult {
  return { data, error, perf };
}

const players = { players: [{ id: '1', rounds: [{ id: 'r1', game: { name: 'Dice' } }] }] };
const statements = (users: number, game: number) => ({ subgraphs: { users: { sqlStatements: users }, game: { sqlStatements: game } } });
const fixedRun: ExerciseRun = { requests: [request(players, statements(2, 1))], probes: [] };

test('n-plus-one: the untouched copy of the slow twin fails on statements, with the per-request DataLoader hint', () => {
  const yours: ExerciseRun = { requests: [request(players, statements(221, 200))], probes: [] };
  const verdict = judgeExercise(EXERCISES['n-plus-one'], fixedRun, yours, { titles: ['N+1 Query: 200 repeated statements in game'] });
  assert.equal(verdict.passed, false);
  const byName = Object.fromEntries(verdict.checks.map((check) => [check.name, check]));
  assert.equal(byName['same answer as the fixed twin']?.status, 'passed');
  assert.equal(byName['SQL statements']?.status, 'failed');
  assert.equal(byName['SQL statements']?.detail, '421 (fixed twin: 3; allowed: at most 5)');
  assert.match(byName['SQL statements']?.hint ?? '', /once per request/);
  assert.equal(byName['nothing for Sentry to find']?.status, 'failed');
});

test('a fix within budget, with the same answer and no finding, passes; findings that cannot be read are skipped, not failed', () => {
  const yours: ExerciseRun = { requests: [request(players, statements(2, 1))], probes: [] };
  assert.equal(judgeExercise(EXERCISES['n-plus-one'], fixedRun, yours, { titles: [] }).passed, true);
  const unread = judgeExercise(EXERCISES['n-plus-one'], fixedRun, yours, { unavailable: 'Spotlight is not running' });
  assert.equal(unread.passed, true);
  assert.deepEqual(
    unread.checks.map((check) => check.status),
    ['passed', 'passed', 'skipped'],
  );
});

test('a different answer fails, whatever it costs; the same fields in another order are the same answer', () => {
  const other = { players: [{ id: '1', rounds: [] }] };
  const yours: ExerciseRun = { requests: [request(other, statements(2, 1))], probes: [] };
  const verdict = judgeExercise(EXERCISES['n-plus-one'], fixedRun, yours, { titles: [] });
  assert.equal(verdict.checks[0]?.status, 'failed');
  assert.match(verdict.checks[0]?.detail ?? '', /expected .*"rounds":\[\{.*got .*"rounds":\[\]/);
  const reordered = { players: [{ rounds: [{ game: { name: 'Dice' }, id: 'r1' }], id: '1' }] };
  const same = judgeExercise(
    EXERCISES['n-plus-one'],
    fixedRun,
    { requests: [request(reordered, statements(2, 1))], probes: [] },
    { titles: [] },
  );
  assert.equal(same.checks[0]?.status, 'passed');
});

test('same-shape answers compare fields, types and list lengths, not values (a draw)', () => {
  const draw = (value: number, won: boolean) => ({ freePlay: [{ draw: value, won, payoutCents: 0 }] });
  const perf = { subgraphs: { game: { eventLoopDelay: { maxMs: 3 } } } };
  const fixed: ExerciseRun = { requests: [request(draw(4, true), perf)], probes: [] };
  const passing = judgeExercise(EXERCISES['cpu-rng'], fixed, { requests: [request(draw(17, false), perf)], probes: [] }, { titles: [] });
  assert.equal(passing.passed, true);
  const wrongShape = judgeExercise(
    EXERCISES['cpu-rng'],
    fixed,
    { requests: [request({ freePlay: [] }, perf)], probes: [] },
    { titles: [] },
  );
  assert.equal(wrongShape.checks[0]?.status, 'failed');
});

test('an error answer fails the answers check with the exercise hint for that code', () => {
  const yours: ExerciseRun = {
    requests: [
      request(
        null,
        { subgraphs: { users: { eventLoopDelay: { maxMs: 1500 } } } },
        { code: 'LOOP_GUARD_TRIPPED', message: 'stakeProfile: no progress' },
      ),
    ],
    probes: [],
  };
  const fixed: ExerciseRun = {
    requests: [request({ player: { id: '1' } }, { subgraphs: { users: { eventLoopDelay: { maxMs: 1 } } } })],
    probes: [],
  };
  const verdict = judgeExercise(EXERCISES['infinite-loop'], fixed, yours, { titles: [] });
  assert.equal(verdict.checks[0]?.detail, 'your version answered LOOP_GUARD_TRIPPED: stakeProfile: no progress');
  assert.match(verdict.checks[0]?.hint ?? '', /cursor .* does not move/);
  assert.equal(verdict.checks[1]?.status, 'failed', 'and the stall is over the 200 ms budget');
});

test('measureOf sums counts over the unit and takes the largest time', () => {
  const run: ExerciseRun = {
    requests: [
      request({}, { totalMs: 10, subgraphs: { analytics: { mongoCommands: 1, poolWaitMs: 3 } } }),
      request({}, { totalMs: 30, subgraphs: { analytics: { mongoCommands: 2 }, game: { poolWaitMs: 700 } } }),
    ],
    probes: [],
  };
  assert.equal(measureOf(run, 'mongoCommands'), 3);
  assert.equal(measureOf(run, 'totalMs'), 30);
  assert.equal(measureOf(run, 'poolWaitMaxMs'), 700);
  assert.equal(measureOf(run, 'planSequentialDepth'), 0);
});

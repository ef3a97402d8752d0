import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusedAsBusy, runExerciseCheck } from './exercise-check.js';
import type { ExerciseRequestResult, ExerciseRun } from './exercise-verdict.js';
import { EXERCISES } from './exercises.js';

const answer = (sql: number, error: ExerciseRequestResult['error'] = null): ExerciseRun => ({
  requests: [{ data: error ? null : { players: [] }, error, perf: { subgraphs: { users: { sqlStatements: sql } } } }],
  probes: [],
});

test('runs the fixed twin, then yours, sends a busy run again, and judges with the findings of yours', async () => {
  const sent: string[] = [];
  let busyOnce = true;
  const said: string[] = [];
  const outcome = await runExerciseCheck(EXERCISES['n-plus-one'], {
    send: async (mode) => {
      sent.push(mode);
      if (mode === 'yours' && busyOnce) {
        busyOnce = false;
        return { run: answer(0, { code: 'SLOW_VARIANT_BUSY', message: 'held' }), trace: 'refused' };
      }
      return { run: answer(mode === 'fixed' ? 3 : 221), trace: `${mode}-trace` };
    },
    findings: async ({ trace }) => ({ titles: trace === 'yours-trace' ? ['N+1 Query'] : ['wrong trace'] }),
    say: (activity) => said.push(activity),
    busyPauseMs: 1,
  });
  assert.deepEqual(sent, ['fixed', 'yours', 'yours']);
  assert.equal(outcome.status, 'judged');
  if (outcome.status !== 'judged') return;
  assert.equal(outcome.yours, 'yours-trace');
  assert.equal(outcome.verdict.passed, false);
  assert.deepEqual(
    outcome.verdict.checks.map((check) => `${check.status} ${check.detail}`),
    ['passed 1 answer compared', 'failed 221 (fixed twin: 3; allowed: at most 5)', 'failed N+1 Query'],
  );
  assert.ok(
    said.some((line) => /busy.*retry 1 of 30/.test(line)),
    said.join('\n'),
  );
});

test('a run that meets a restarting service is sent again', async () => {
  let restarting = 2;
  const said: string[] = [];
  const outcome = await runExerciseCheck(EXERCISES['n-plus-one'], {
    send: async (mode) =>
      mode === 'fixed' && restarting-- > 0
        ? { run: answer(0, { code: 'UPSTREAM_UNAVAILABLE', message: 'the game subgraph is unavailable' }), trace: 'down' }
        : { run: answer(3), trace: mode },
    findings: async () => ({ titles: [] }),
    say: (activity) => said.push(activity),
    busyPauseMs: 1,
  });
  assert.equal(outcome.status, 'judged');
  assert.ok(
    said.some((line) => /a service is restarting .*retry 2 of 30/.test(line)),
    said.join('\n'),
  );
});

test('a failing fixed twin gives no verdict and sends nothing of yours; a stack busy for every retry is an error', async () => {
  const sent: string[] = [];
  const failed = await runExerciseCheck(EXERCISES['n-plus-one'], {
    send: async (mode) => (sent.push(mode), { run: answer(0, { code: 'INTERNAL_SERVER_ERROR', message: 'users failed' }), trace: mode }),
    findings: async () => ({ titles: [] }),
    say: () => undefined,
  });
  assert.deepEqual(failed, {
    status: 'fixed-failed',
    message: 'the fixed twin itself failed (INTERNAL_SERVER_ERROR: users failed): is the stack healthy? No verdict.',
    fixed: 'fixed',
  });
  assert.deepEqual(sent, ['fixed']);
  const busy = { run: answer(0, { code: 'SLOW_VARIANT_BUSY', message: 'held' }), trace: '' };
  await assert.rejects(
    runExerciseCheck(EXERCISES['n-plus-one'], {
      send: async () => busy,
      findings: async () => ({ titles: [] }),
      say: () => undefined,
      busyPauseMs: 0,
    }),
    /stayed busy with another slow unit of work/,
  );
  assert.equal(refusedAsBusy(busy.run), true);
  assert.equal(refusedAsBusy(answer(3)), false);
});

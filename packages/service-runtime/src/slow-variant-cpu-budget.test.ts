import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlowVariantCpuBudget, type BlockingCall } from './slow-variant-cpu-budget.js';

/** A budget on a clock the test moves; `work(ms)` is a blocking run that costs `ms`. */
function fakeBudget(budgetMs: number, windowMs: number) {
  let now = 0;
  const budget = new SlowVariantCpuBudget(budgetMs, windowMs, () => now);
  return {
    budget,
    wait: (ms: number) => (now += ms),
    work: (ms: number) => () => (now += ms),
  };
}

const admitted = (result: ReturnType<SlowVariantCpuBudget['tryAdmit']>): result is BlockingCall => !('retryAfterMs' in result);

test('a run on an idle service always starts, however long; then nothing starts until enough has slid out of the window', () => {
  const { budget, wait, work } = fakeBudget(1000, 60_000);
  const first = budget.tryAdmit('regex-backtracking');
  assert.ok(admitted(first));
  first.run(work(1500));
  assert.equal(budget.spentMs(), 1500);
  const refused = budget.tryAdmit('regex-backtracking');
  assert.ok(!admitted(refused));
  // 1500 ms spent, 1000 allowed: 501 ms of it must leave the window, which starts moving past the run at 60 s.
  assert.equal(refused.retryAfterMs, 60_000 - 1500 + 501);
  wait(refused.retryAfterMs - 2);
  assert.ok(!admitted(budget.tryAdmit('regex-backtracking')), 'still refused just before');
  wait(2);
  assert.ok(admitted(budget.tryAdmit('regex-backtracking')), 'admitted once the budget is no longer spent');
});

test('runs below the budget start back to back; admitted runs not yet run count at their last measured cost', () => {
  const { budget, work } = fakeBudget(1000, 60_000);
  for (let i = 0; i < 3; i++) {
    const call = budget.tryAdmit('cpu-rng');
    assert.ok(admitted(call), `run ${i + 1}`);
    call.run(work(300));
  }
  assert.equal(budget.spentMs(), 900);
  const reserved = budget.tryAdmit('cpu-rng');
  assert.ok(admitted(reserved));
  assert.equal(budget.pendingMs(), 300);
  assert.ok(!admitted(budget.tryAdmit('cpu-rng')), '900 spent + 300 expected is the budget');
  reserved.cancel();
  assert.equal(budget.pendingMs(), 0);
  assert.ok(admitted(budget.tryAdmit('cpu-rng')));
});

test('a run is admitted once: a second run of the same admission is a bug', () => {
  const { budget, work } = fakeBudget(1000, 60_000);
  const call = budget.tryAdmit('cpu-rng');
  assert.ok(admitted(call));
  call.run(work(1));
  assert.throws(() => call.run(work(1)), /cpu-rng: a blocking slow call is admitted for one run; got a second/);
});

test('the budget must fit in its window', () => {
  assert.throws(() => new SlowVariantCpuBudget(0, 60_000), /expected at least 1 ms; got 0/);
  assert.throws(() => new SlowVariantCpuBudget(2000, 1000), /expected at least the budget \(2000 ms\); got 1000/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childCpuSeconds, cpuSpent } from './process-cpu.js';

test('CPU spent between two readings, per child', () => {
  const spent = cpuSpent(
    new Map([
      ['gateway', 1.5],
      ['subgraphs/users', 0.5],
    ]),
    new Map([
      ['gateway', 4],
      ['subgraphs/users', 0.75],
      ['payment-provider', 0.25],
    ]),
  );
  assert.deepEqual(Object.fromEntries(spent), { gateway: 2.5, 'subgraphs/users': 0.25, 'payment-provider': 0.25 });
});

test('this process sees no children of a process that has none', () => {
  assert.equal(childCpuSeconds(-1, process.execPath, process.cwd()).size, 0);
});

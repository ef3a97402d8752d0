import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childCpuSeconds, cpuSpent, parseProcStat } from './process-cpu.js';

test('a /proc stat line: pid, parent pid and user plus system ticks, whatever the command name holds', () => {
  const line = '4242 (node (gw) x) S 4000 4242 8527 0 -1 4194304 126 0 0 0 250 30 7 1 20 0 1 0 139461 3133440 414';
  assert.deepEqual(parseProcStat(line), { pid: 4242, ppid: 4000, cpuTicks: 280 });
  assert.throws(() => parseProcStat('garbage'), /expected "pid \(comm\) state ppid \.\.\."/);
});

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

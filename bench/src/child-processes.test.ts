import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { childProcesses, parseProcStat } from './child-processes.js';

test('a /proc stat line: pid, parent pid and user plus system ticks, whatever the command name holds', () => {
  const line = '4242 (node (gw) x) S 4000 4242 8527 0 -1 4194304 126 0 0 0 250 30 7 1 20 0 1 0 139461 3133440 414';
  assert.deepEqual(parseProcStat(line), { pid: 4242, ppid: 4000, cpuTicks: 280 });
  assert.throws(() => parseProcStat('garbage'), /expected "pid \(comm\) state ppid \.\.\."/);
});

test(
  'a child running the command is listed by pid, keyed by its working folder; other commands are not',
  { skip: process.platform !== 'linux' },
  async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const node = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { cwd: path.join(root, 'bench'), stdio: 'ignore' });
    const sleeper = spawn('sleep', ['5'], { cwd: root, stdio: 'ignore' });
    try {
      await Promise.all([once(node, 'spawn'), once(sleeper, 'spawn')]);
      const children = childProcesses(process.pid, realpathSync(process.execPath), root);
      assert.deepEqual(
        children.map(({ pid, key }) => ({ pid, key })),
        [{ pid: node.pid, key: 'bench' }],
      );
    } finally {
      node.kill();
      sleeper.kill();
      await Promise.all([once(node, 'exit'), once(sleeper, 'exit')]);
    }
  },
);

test('a process without children has none listed', () => {
  assert.deepEqual(childProcesses(-1, process.execPath, process.cwd()), []);
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { childRssKiB, parseVmRssKiB } from './process-memory.js';

test('VmRSS is read from /proc/<pid>/status in KiB', () => {
  const status = 'Name:\tnode\nVmPeak:\t 1176092 kB\nVmSize:\t 1111052 kB\nVmRSS:\t   61236 kB\nRssAnon:\t   21816 kB\n';
  assert.equal(parseVmRssKiB(status), 61236);
  assert.equal(parseVmRssKiB('Name:\tkworker\nState:\tI (idle)\n'), undefined);
});

test("a child's resident memory is found under its working folder", { skip: process.platform !== 'linux' }, async () => {
  const cwd = path.resolve(import.meta.dirname, '..');
  const child = spawn(process.execPath, ['-e', 'console.log("started"); setTimeout(() => {}, 5000)'], {
    cwd,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    // Measured once the child has started running JavaScript, however busy the machine is.
    await once(child.stdout, 'data');
    const rss = childRssKiB(process.pid, realpathSync(process.execPath), path.resolve(cwd, '..'));
    assert.ok((rss.get('bench') ?? 0) > 10_000, `the child holds some memory: ${JSON.stringify([...rss])}`);
  } finally {
    child.kill();
    await once(child, 'exit');
  }
});

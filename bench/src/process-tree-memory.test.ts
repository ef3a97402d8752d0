import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { descendantMemory, descendants, parseSmapsRollup } from './process-tree-memory.js';

test('smaps_rollup: Rss and Pss in KiB', () => {
  const text =
    '55d0c7a4e000-7ffd3b9f7000 ---p 00000000 00:00 0                          [rollup]\nRss:              174312 kB\nPss:              113650 kB\nPss_Dirty:         98304 kB\n';
  assert.deepEqual(parseSmapsRollup(text), { rssKiB: 174_312, pssKiB: 113_650 });
  assert.equal(parseSmapsRollup('Name: zombie\n'), undefined);
});

test('descendants at any depth, not the root and not strangers', () => {
  const parents = new Map([
    [10, 1],
    [11, 10],
    [12, 11],
    [13, 10],
    [20, 1],
  ]);
  assert.deepEqual(descendants(10, parents).sort(), [11, 12, 13]);
  assert.deepEqual(descendants(12, parents), []);
});

test('a grandchild process is found with its memory', { skip: !existsSync('/proc/self/smaps_rollup') && 'needs Linux /proc' }, async () => {
  // sh starts sleep as its child: the test process's grandchild.
  const child = spawn('sh', ['-c', 'sleep 5 & wait'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const found = descendantMemory(process.pid, process.cwd());
    const names = found.map((p) => p.name);
    assert.ok(names.includes('sleep'), `found ${JSON.stringify(found)}`);
    for (const p of found) assert.ok(p.rssKiB > 0 && p.pssKiB > 0 && p.pssKiB <= p.rssKiB, JSON.stringify(p));
  } finally {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const PROCESSES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'processes.js');

/** In a process at niceness 10: starts a child with ProcessGroup and prints the child's autogroup line. */
const PROBE = `
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
const { ProcessGroup } = await import(${JSON.stringify(PROCESSES)});
setPriority(10);
const group = new ProcessGroup(() => undefined, () => undefined);
const child = group.start({ name: 'sleeper', command: 'sleep', args: ['30'], cwd: '/', env: {} });
console.log(readFileSync('/proc/' + child.pid + '/autogroup', 'utf8').trim());
await group.stopAll();
`;

test(
  'a child started in a session of its own keeps the niceness of the process that started it (Linux autogroups)',
  { skip: !existsSync('/proc/self/autogroup') && 'no autogroups on this kernel', timeout: 30_000 },
  () => {
    const line = execFileSync(process.execPath, ['--input-type=module', '-e', PROBE], { encoding: 'utf8' });
    assert.match(line, /^\/autogroup-\d+ nice 10$/m);
  },
);

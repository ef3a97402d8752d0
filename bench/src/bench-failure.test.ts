import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchExitCode } from './bench-failure.js';

test('a run that finishes: its own exit code, and the servers stopped', async () => {
  const said: string[] = [];
  let stopped = 0;
  const code = await benchExitCode(async () => 3, {
    say: (line) => said.push(line),
    lines: ['[game] up'],
    stop: async () => void stopped++,
  });
  assert.equal(code, 3);
  assert.equal(stopped, 1);
  assert.deepEqual(said, []);
});

test('a run that throws: exit code 1, the reason said, the last 30 service lines printed, the servers stopped', async (t) => {
  const printed = t.mock.method(console, 'log', () => undefined);
  const said: string[] = [];
  let stopped = 0;
  const lines = Array.from({ length: 40 }, (_, i) => `[gateway] line ${i}`);
  const code = await benchExitCode(
    async () => {
      throw new Error('MongoDB did not start');
    },
    { say: (line) => said.push(line), lines, stop: async () => void stopped++ },
  );
  assert.equal(code, 1);
  assert.equal(stopped, 1);
  assert.deepEqual(said, ['failed: MongoDB did not start']);
  assert.equal(printed.mock.callCount(), 1);
  assert.equal(printed.mock.calls[0]!.arguments[0], lines.slice(10).join('\n'));
});

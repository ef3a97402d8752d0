import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './paths.js';
import { serviceReloader } from './workshop-watcher.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a save while the service compiles builds it again, fresh, before the one restart', { timeout: 10_000 }, async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'workshop-watcher-'));
  try {
    await writeFile(path.join(directory, 'memory-leak.ts'), 'slow');
    const compiles: boolean[] = [];
    const lines: string[] = [];
    let restarts = 0;
    const reloader = serviceReloader({
      service: 'analytics',
      directory,
      compile: async ({ fresh }) => {
        compiles.push(fresh);
        // The attendee saves another file while the first compile runs.
        if (compiles.length === 1) await writeFile(path.join(directory, 'slow-aggregation.ts'), 'fixed');
        await sleep(20);
        return undefined;
      },
      restart: async () => {
        restarts++;
      },
      say: (line) => lines.push(line),
    });
    reloader.changed();
    for (let waited = 0; restarts === 0 && waited < 5_000; waited += 50) await sleep(50);
    reloader.stop();
    assert.deepEqual(compiles, [false, true], 'incremental first, then every file again');
    assert.equal(restarts, 1);
    assert.deepEqual(lines, [`workshop: analytics restarted with your change to ${path.relative(REPO_ROOT, directory)}/`]);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('a change that does not compile restarts nothing and says the first error', { timeout: 10_000 }, async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'workshop-watcher-'));
  try {
    const lines: string[] = [];
    let restarts = 0;
    const reloader = serviceReloader({
      service: 'game',
      directory,
      compile: () => Promise.resolve("cpu-rng.ts(3,1): error TS2322: Type 'string' is not assignable to type 'number'."),
      restart: async () => {
        restarts++;
      },
      say: (line) => lines.push(line),
    });
    reloader.changed();
    for (let waited = 0; lines.length === 0 && waited < 5_000; waited += 50) await sleep(50);
    reloader.stop();
    assert.equal(restarts, 0);
    assert.deepEqual(lines, [
      "workshop: your change to game does not compile, so game keeps the previous version: cpu-rng.ts(3,1): error TS2322: Type 'string' is not assignable to type 'number'.",
    ]);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { builtImages } from './images.js';
import { repoPath } from './repo.js';
import { reproduceRuntimeStage } from './runtime-stage.js';

/**
 * Images whose production start works without databases; they stand for the others, which share
 * the runtime stage's shape. The panel's web server runs a workspace's sub-project (web/server).
 */
const CASES = [
  { image: 'trace-arcade/gateway', service: 'gateway', ready: 503, why: 'not ready without its subgraphs' },
  { image: 'trace-arcade/web', service: 'web', ready: 200, why: 'ready: it serves the panel' },
];

/**
 * The panel's build (`npm run build -w web`, not part of `npm test`): the repository's when there
 * is one, else a stand-in page, since this check is about the server's dependencies and start.
 */
function panelBuild(scratch: string): string {
  if (existsSync(repoPath('web/dist/index.html'))) return repoPath('web/dist');
  const dir = path.join(scratch, 'web-dist');
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>stand-in</title>');
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The environment without npm's own variables of the `npm test` that may have started us. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));

for (const expected of CASES) {
  test(
    `the ${expected.image} image's production start works: npm ci --omit=dev of its workspaces, then its exec-form CMD`,
    { timeout: 180_000 },
    async (t) => {
      const image = builtImages().find((candidate) => candidate.image === expected.image)!;
      const folder = mkdtempSync(path.join(tmpdir(), 'trace-arcade-image-'));
      const output: string[] = [];
      let child: ReturnType<typeof spawn> | undefined;
      try {
        const started = performance.now();
        const stage = reproduceRuntimeStage(
          image.runtime,
          path.join(folder, 'app'),
          (args, cwd) => {
            // --prefer-offline: the packages of the repository's own `npm ci` are in npm's cache.
            execFileSync('npm', [...args, '--prefer-offline'], { cwd, env: cleanEnv(), stdio: 'pipe' });
          },
          (pathFromRepo) => (pathFromRepo === 'web/dist' ? panelBuild(folder) : repoPath(pathFromRepo)),
        );
        t.diagnostic(`runtime stage reproduced (npm ci --omit=dev included) in ${Math.round(performance.now() - started)} ms`);

        const [program, ...args] = stage.command;
        assert.equal(program, 'node');
        const port = await freePort();
        child = spawn(process.execPath, args, {
          cwd: stage.workdir,
          // The image's ENV, on loopback instead of 0.0.0.0.
          env: { PATH: process.env['PATH'], ...stage.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
        child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));

        const deadline = Date.now() + 30_000;
        let live: { status: number; body: unknown } | undefined;
        while (!live && Date.now() < deadline && child.exitCode === null) {
          try {
            const response = await fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(1000) });
            live = { status: response.status, body: await response.json() };
          } catch {
            await sleep(200);
          }
        }
        assert.deepEqual(
          live,
          { status: 200, body: { status: 'live', service: expected.service } },
          `no answer from /health/live; output:\n${output.join('')}`,
        );
        const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
        assert.equal(ready.status, expected.ready, expected.why);
      } finally {
        if (child && child.exitCode === null) {
          child.kill('SIGTERM');
          await once(child, 'exit');
        }
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );
}

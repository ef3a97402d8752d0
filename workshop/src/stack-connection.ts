/**
 * The stack a check runs against: the one `npm start` runs (same environment, so the same ports),
 * or, when none answers, one started for the check (the attendee's current code built first) and
 * stopped after it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadStackConfig, REPO_ROOT, runTsc, waitForHttpOk, type StackConfig } from '@trace-arcade/stack/workshop-api';

import type { ServicePorts } from './running-code.js';

/** How long a running stack may take to be ready again (a service restarting with the attendee's change). */
const READY_TIMEOUT_MS = 60_000;
/** A first start seeds the databases: a minute or two on a slow laptop. */
const START_TIMEOUT_MS = 300_000;

export interface StackConnection {
  gatewayUrl: string;
  ports: ServicePorts;
  /** Spotlight's URL when the stack sends its traces there. */
  spotlightUrl: string | undefined;
  /** Stops the stack when the check started it; nothing otherwise. */
  release(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await once(child, 'exit');
  clearTimeout(killer);
}

/** Connects to the running stack, or builds and starts one (`say` tells what happens; its output goes to a log file). */
export async function connectToStack(say: (line: string) => void): Promise<StackConnection> {
  const config: StackConfig = loadStackConfig();
  const gatewayUrl = `http://127.0.0.1:${config.GATEWAY_PORT}`;
  const base = {
    gatewayUrl,
    ports: { users: config.USERS_PORT, game: config.GAME_PORT, analytics: config.ANALYTICS_PORT },
    spotlightUrl: config.SPOTLIGHT && !config.SENTRY_DSN ? `http://localhost:${config.SPOTLIGHT_PORT}` : undefined,
  };
  // A gateway that is up but not ready is a running stack whose services restart (a change being
  // picked up): wait for it rather than start a second one.
  if (await answers(`${gatewayUrl}/health/live`)) {
    await waitForHttpOk(`${gatewayUrl}/health/ready`, READY_TIMEOUT_MS).catch(() => {
      throw new Error(`the stack at ${gatewayUrl} runs but is not ready after ${READY_TIMEOUT_MS / 1000} s: see the npm start terminal`);
    });
    return { ...base, release: async () => undefined };
  }

  say(
    `no stack answers at ${gatewayUrl}: building your code and starting one for this check (npm start in another terminal keeps one running)`,
  );
  const error = await runTsc(['--build']);
  if (error) throw new Error(`your code does not compile: ${error}`);
  const logFile = path.resolve(REPO_ROOT, config.DATA_DIR, 'workshop-stack.log');
  await mkdir(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'stack', 'dist', 'start.js')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  try {
    await waitForHttpOk(`${gatewayUrl}/health/ready`, START_TIMEOUT_MS, () =>
      child.exitCode !== null ? `the stack stopped while starting (see ${path.relative(REPO_ROOT, logFile)})` : undefined,
    );
  } catch (failure) {
    await stopChild(child);
    throw failure;
  }
  return { ...base, release: () => stopChild(child) };
}

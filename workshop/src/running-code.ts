/**
 * Whether the running services have loaded the attendee's files as they are now: each service's
 * `GET /workshop` lists the hashes of the files it started with, and the stack restarts a service
 * after a change compiles.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Exercise } from '@trace-arcade/scenarios';
import { sha256 } from '@trace-arcade/service-runtime';
import { repoFile } from './exercise-files.js';

export type ServicePorts = Record<'users' | 'game' | 'analytics', number>;

async function runningSources(port: number): Promise<Record<string, string> | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/workshop`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return undefined;
    return ((await response.json()) as { sources?: Record<string, string> }).sources;
  } catch {
    return undefined;
  }
}

/**
 * Waits until every service of the exercise runs the attendee's file as it is on disk. Resolves to
 * undefined when they do, or to one line saying which one does not after `timeoutMs`.
 */
export async function waitForRunningCode(exercise: Exercise, ports: ServicePorts, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  const pending = exercise.files.filter((file) => file.service);
  for (;;) {
    const stale: string[] = [];
    for (const file of pending) {
      const expected = sha256(await readFile(repoFile(file.path)));
      const sources = await runningSources(ports[file.service!]);
      if (sources?.[path.basename(file.path)] !== expected) stale.push(`${file.service} (${file.path})`);
    }
    if (stale.length === 0) return undefined;
    if (Date.now() > deadline) {
      return `${stale.join(', ')} still runs an older version after ${timeoutMs / 1000} s: does the npm start terminal say your change does not compile?`;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

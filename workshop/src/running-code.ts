/**
 * Whether the running services have loaded the attendee's files as they are now: each service's
 * `GET /workshop` lists the hashes of the files it started with (`workshopSources`), and the stack
 * restarts a service after a change compiles.
 */
import type { Exercise } from '@trace-arcade/scenarios';
import { workshopSources } from '@trace-arcade/service-runtime/workshop-sources';
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
 * Waits until every service of the exercise runs its workshop files as they are on disk: all of
 * them, not only the exercise's (a save to another exercise's file of the same service restarts it
 * too, and a check must not run into that restart). Resolves to undefined when they do, or to one
 * line saying which one does not after `timeoutMs`.
 */
export async function waitForRunningCode(exercise: Exercise, ports: ServicePorts, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  const services = [...new Set(exercise.files.flatMap((file) => (file.service ? [file.service] : [])))];
  for (;;) {
    const stale: string[] = [];
    for (const service of services) {
      const onDisk = workshopSources(repoFile(`subgraphs/${service}/dist/main.js`));
      const running = await runningSources(ports[service]);
      if (!running || !sameSources(onDisk, running)) stale.push(`${service} (subgraphs/${service}/src/workshop/)`);
    }
    if (stale.length === 0) return undefined;
    if (Date.now() > deadline) {
      return `${stale.join(', ')} still runs an older version after ${timeoutMs / 1000} s: does the npm start terminal say your change does not compile?`;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function sameSources(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

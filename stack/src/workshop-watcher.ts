/**
 * Hot reload of the workshop attendee's files under `npm start`: when a file of a service's
 * `src/workshop/` changes, that service is rebuilt (`tsc --build`, incremental) and restarted, with
 * one line each. A change that does not compile restarts nothing: the line says the first error,
 * and the service keeps running the previous version. The checker (`npm run workshop -- check`)
 * knows the new version runs from the service's `GET /workshop`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT, repoPath } from './paths.js';
import { SERVICE_DIRS } from './services.js';

/** The services with exercises. */
export const WORKSHOP_SERVICES = ['users', 'game', 'analytics'] as const;
export type WorkshopService = (typeof WORKSHOP_SERVICES)[number];

/** Saves come in bursts (an editor writes, renames, touches): one rebuild after the last event of a burst. */
const SETTLE_MS = 300;

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The service's `src/workshop/` directory. */
export function workshopDirectory(service: WorkshopService): string {
  return repoPath(SERVICE_DIRS[service], 'src', 'workshop');
}

/** One hash over the directory's files: it changes when any of them does. */
async function directoryHash(directory: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(directory)).sort()) hash.update(name).update(await readFile(path.join(directory, name)));
  return hash.digest('hex');
}

/** Runs `tsc` with `args` from the repository root; resolves to its first error line, or undefined when it succeeded. */
export function runTsc(args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSC, ...args, '--pretty', 'false'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(undefined);
      else resolve(output.split('\n').find((line) => line.includes('error')) ?? `tsc exited with code ${code}`);
    });
  });
}

export interface WorkshopWatcherOptions {
  /** Restarts the service (its process stops and starts again with the rebuilt code). */
  restart(service: WorkshopService): Promise<void>;
  say(line: string): void;
}

/** Watches every service's `src/workshop/`; the returned function stops watching. */
export function watchWorkshopFiles(options: WorkshopWatcherOptions): () => void {
  const watchers: FSWatcher[] = [];
  const timers = new Set<NodeJS.Timeout>();
  for (const service of WORKSHOP_SERVICES) {
    const directory = workshopDirectory(service);
    let rebuilding = false;
    let changedMeanwhile = false;
    const rebuild = async () => {
      if (rebuilding) {
        changedMeanwhile = true;
        return;
      }
      rebuilding = true;
      try {
        do {
          changedMeanwhile = false;
          const before = await directoryHash(directory);
          const error = await runTsc(['--build', SERVICE_DIRS[service]]);
          if (error) {
            options.say(`workshop: your change to ${service} does not compile, so ${service} keeps the previous version: ${error}`);
            break;
          }
          // Saved again while compiling: build that version before restarting, so the process runs what the file says.
          if ((await directoryHash(directory)) !== before) changedMeanwhile = true;
          if (changedMeanwhile) continue;
          await options.restart(service);
          options.say(`workshop: ${service} restarted with your change to ${path.relative(REPO_ROOT, directory)}/`);
        } while (changedMeanwhile);
      } catch (error) {
        options.say(`workshop: could not reload ${service}: ${(error as Error).message}`);
      } finally {
        rebuilding = false;
      }
    };
    let timer: NodeJS.Timeout | undefined;
    const watcher = watch(directory, () => {
      if (timer) timers.delete(timer);
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), SETTLE_MS);
      timers.add(timer);
    });
    watcher.on('error', (error) => options.say(`workshop: stopped watching ${path.relative(REPO_ROOT, directory)}: ${error.message}`));
    watchers.push(watcher);
  }
  return () => {
    for (const watcher of watchers) watcher.close();
    for (const timer of timers) clearTimeout(timer);
  };
}

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
import { readdir, readFile, rm } from 'node:fs/promises';
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
/** How a reloader compiles its service: `fresh` compiles every file again, whatever tsc's build state says. */
export type Compile = (options: { fresh: boolean }) => Promise<string | undefined>;

/**
 * Rebuilds and restarts one service after a burst of saves to `directory`: `changed()` is called on
 * each save. A save while the rebuild runs builds again once it ends, and that build is `fresh`: a
 * file saved while tsc ran can be older than the outputs tsc then wrote, and `tsc --build` would call
 * the project up to date and keep the code it read before the save, while the service reports the
 * file as it is now.
 */
export function serviceReloader(options: {
  service: WorkshopService;
  directory: string;
  compile: Compile;
  restart: () => Promise<void>;
  say: (line: string) => void;
}): { changed: () => void; stop: () => void } {
  const { service, directory } = options;
  let rebuilding = false;
  let changedMeanwhile = false;
  const rebuild = async () => {
    if (rebuilding) {
      changedMeanwhile = true;
      return;
    }
    rebuilding = true;
    let fresh = false;
    try {
      do {
        changedMeanwhile = false;
        const before = await directoryHash(directory);
        const error = await options.compile({ fresh });
        if (error) {
          options.say(`workshop: your change to ${service} does not compile, so ${service} keeps the previous version: ${error}`);
          break;
        }
        // Saved again while compiling: build that version before restarting, so the process runs what the file says.
        if ((await directoryHash(directory)) !== before) changedMeanwhile = true;
        if (changedMeanwhile) {
          fresh = true;
          continue;
        }
        await options.restart();
        options.say(`workshop: ${service} restarted with your change to ${path.relative(REPO_ROOT, directory)}/`);
      } while (changedMeanwhile);
    } catch (error) {
      options.say(`workshop: could not reload ${service}: ${(error as Error).message}`);
    } finally {
      rebuilding = false;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  return {
    changed: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), SETTLE_MS);
    },
    stop: () => clearTimeout(timer),
  };
}

/** `tsc --build` of the service; `fresh` forgets its incremental build state first, so every file is compiled. */
function compileService(service: WorkshopService): Compile {
  return async ({ fresh }) => {
    if (fresh) await rm(repoPath(SERVICE_DIRS[service], 'tsconfig.tsbuildinfo'), { force: true });
    return runTsc(['--build', SERVICE_DIRS[service]]);
  };
}

/** Watches every service's `src/workshop/`; the returned function stops watching. */
export function watchWorkshopFiles(options: WorkshopWatcherOptions): () => void {
  const watchers: FSWatcher[] = [];
  const reloaders: { stop: () => void }[] = [];
  for (const service of WORKSHOP_SERVICES) {
    const directory = workshopDirectory(service);
    const reloader = serviceReloader({
      service,
      directory,
      compile: compileService(service),
      restart: () => options.restart(service),
      say: (line) => options.say(line),
    });
    reloaders.push(reloader);
    const watcher = watch(directory, () => reloader.changed());
    watcher.on('error', (error) => options.say(`workshop: stopped watching ${path.relative(REPO_ROOT, directory)}: ${error.message}`));
    watchers.push(watcher);
  }
  return () => {
    for (const watcher of watchers) watcher.close();
    for (const reloader of reloaders) reloader.stop();
  };
}

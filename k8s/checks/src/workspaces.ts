import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoPath } from './repo.js';

export interface Workspace {
  name: string;
  /** From the repository root, e.g. subgraphs/users. */
  dir: string;
  /** Internal (workspace) packages in `dependencies`: what the workspace needs at run time. */
  dependencies: string[];
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(repoPath(file), 'utf8')) as T;

/** Every npm workspace of the repository, by package name. */
export function loadWorkspaces(): Map<string, Workspace> {
  const dirs = readJson<{ workspaces: string[] }>('package.json').workspaces;
  const manifests = dirs.map((dir) => ({
    dir,
    manifest: readJson<{ name: string; dependencies?: Record<string, string> }>(`${dir}/package.json`),
  }));
  const names = new Set(manifests.map(({ manifest }) => manifest.name));
  return new Map(
    manifests.map(({ dir, manifest }) => {
      const dependencies = Object.keys(manifest.dependencies ?? {}).filter((name) => names.has(name));
      return [manifest.name, { name: manifest.name, dir, dependencies }];
    }),
  );
}

function closure(workspaces: Map<string, Workspace>, start: string, next: (workspace: Workspace) => string[]): Workspace[] {
  const seen = new Map<string, Workspace>();
  const visit = (name: string) => {
    const workspace = workspaces.get(name);
    if (!workspace) throw new Error(`expected a workspace named ${name}; the root package.json lists none`);
    if (seen.has(name)) return;
    seen.set(name, workspace);
    next(workspace).forEach(visit);
  };
  visit(start);
  return [...seen.values()];
}

/** The workspace and every internal package it needs at run time, transitively. */
export function runtimeClosure(workspaces: Map<string, Workspace>, name: string): Workspace[] {
  return closure(workspaces, name, (workspace) => workspace.dependencies);
}

/** The directories a TypeScript project's tsconfig.json references, from the repository root. */
function projectReferences(dir: string): string[] {
  const tsconfig = readJson<{ references?: { path: string }[] }>(`${dir}/tsconfig.json`);
  return (tsconfig.references ?? []).map((reference) => path.posix.normalize(path.posix.join(dir, reference.path)));
}

/** Whether a directory is a TypeScript project (has a tsconfig.json). */
export const isProject = (dir: string) => existsSync(repoPath(dir, 'tsconfig.json'));

/** The projects `tsc --build <dirs>` compiles: the directories and their references, transitively. */
export function projectClosure(dirs: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    if (!isProject(dir)) throw new Error(`expected a TypeScript project at ${dir}; found no tsconfig.json`);
    seen.add(dir);
    projectReferences(dir).forEach(visit);
  };
  dirs.forEach(visit);
  return [...seen];
}

/** The workspace a directory belongs to (web/server belongs to web). */
export function owningWorkspace(workspaces: Map<string, Workspace>, dir: string): Workspace {
  const owner = [...workspaces.values()]
    .filter((workspace) => dir === workspace.dir || dir.startsWith(`${workspace.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  if (!owner) throw new Error(`expected ${dir} inside a workspace; the root package.json lists none that holds it`);
  return owner;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoPath } from './repo.js';

export interface Workspace {
  name: string;
  /** From the repository root, e.g. subgraphs/users. */
  dir: string;
  /** Internal (workspace) packages in `dependencies`: what the workspace needs at run time. */
  dependencies: string[];
  /** Directories of its tsconfig project references: what `tsc --build` compiles with it. */
  references: string[];
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
      const tsconfig = readJson<{ references?: { path: string }[] }>(`${dir}/tsconfig.json`);
      const references = (tsconfig.references ?? []).map((reference) => path.posix.normalize(path.posix.join(dir, reference.path)));
      const dependencies = Object.keys(manifest.dependencies ?? {}).filter((name) => names.has(name));
      return [manifest.name, { name: manifest.name, dir, dependencies, references }];
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

/** The workspace and every project `tsc --build` compiles for it, transitively. */
export function buildClosure(workspaces: Map<string, Workspace>, name: string): Workspace[] {
  const byDir = new Map([...workspaces.values()].map((workspace) => [workspace.dir, workspace.name]));
  return closure(workspaces, name, (workspace) =>
    workspace.references.map((dir) => {
      const referenced = byDir.get(dir);
      if (!referenced) throw new Error(`${workspace.dir}/tsconfig.json: expected references to workspaces; got ${dir}`);
      return referenced;
    }),
  );
}

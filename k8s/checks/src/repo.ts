import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, from k8s/checks/dist/. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function repoPath(...segments: string[]): string {
  return path.join(REPO_ROOT, ...segments);
}

export const CHART_DIR = repoPath('charts', 'trace-arcade');

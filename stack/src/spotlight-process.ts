import path from 'node:path';
import { REPO_ROOT } from './paths.js';
import type { ProcessSpec } from './processes.js';

/** The Spotlight sidecar (stack/dist/spotlight-sidecar.js) on `port`, started without the CLI's own telemetry. */
export function spotlightProcess(port: number): ProcessSpec {
  return {
    name: 'spotlight',
    command: process.execPath,
    args: [path.join(REPO_ROOT, 'stack/dist/spotlight-sidecar.js'), String(port)],
    cwd: REPO_ROOT,
    env: process.env,
  };
}

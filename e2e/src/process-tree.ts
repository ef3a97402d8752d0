import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';

/** A child process of the stack: its pid, working folder and command line. */
export interface ChildProcessInfo {
  pid: number;
  cwd: string;
  command: string;
}

/** The child processes of `pid` now (pgrep), with their working folder and command line (from /proc). */
export function childrenOf(pid: number): ChildProcessInfo[] {
  let pids: number[];
  try {
    pids = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there is none
  }
  return pids.flatMap((child) => {
    try {
      return [
        {
          pid: child,
          cwd: readlinkSync(`/proc/${child}/cwd`),
          command: readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' '),
        },
      ];
    } catch {
      return []; // it ended meanwhile
    }
  });
}

/** Those of `pids` whose process is still running. */
export function stillRunning(pids: readonly number[]): number[] {
  return pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
}

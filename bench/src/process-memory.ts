/**
 * Resident memory of this process's child processes, from Linux's /proc (`VmRSS` in
 * /proc/<pid>/status): how much of the machine's memory each service holds right now.
 */
import { readFileSync } from 'node:fs';
import { childProcesses } from './child-processes.js';

/** The resident set size in KiB from the text of /proc/<pid>/status; undefined for a process without one (a zombie). */
export function parseVmRssKiB(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/**
 * Resident KiB of each child of `parentPid` running `command`, keyed by its working directory
 * relative to `root` (see `childProcesses`). Empty where there is no /proc.
 */
export function childRssKiB(parentPid: number, command: string, root: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const { pid, key } of childProcesses(parentPid, command, root)) {
    let rss: number | undefined;
    try {
      rss = parseVmRssKiB(readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
      // The process ended since it was listed: it is not one of the running services.
      continue;
    }
    if (rss !== undefined) result.set(key, (result.get(key) ?? 0) + rss);
  }
  return result;
}

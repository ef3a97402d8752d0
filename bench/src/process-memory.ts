/**
 * Resident memory of this process's child processes, from Linux's /proc (`VmRSS` in
 * /proc/<pid>/status): how much of the machine's memory each service holds right now.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { parseProcStat } from './process-cpu.js';

/** The resident set size in KiB from the text of /proc/<pid>/status; undefined for a process without one (a zombie). */
export function parseVmRssKiB(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/**
 * Resident KiB of each child of `parentPid` running `command`, keyed by its working directory
 * relative to `root` (a service's folder: `gateway`, `subgraphs/users`, ...). Empty where there is no /proc.
 */
export function childRssKiB(parentPid: number, command: string, root: string): Map<string, number> {
  const result = new Map<string, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return result;
  }
  for (const entry of entries) {
    try {
      if (parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')).ppid !== parentPid) continue;
      if (readlinkSync(`/proc/${entry}/exe`) !== command) continue;
      const rss = parseVmRssKiB(readFileSync(`/proc/${entry}/status`, 'utf8'));
      if (rss === undefined) continue;
      const key = path.relative(root, readlinkSync(`/proc/${entry}/cwd`)) || '.';
      result.set(key, (result.get(key) ?? 0) + rss);
    } catch {
      // The process ended while we looked: it is not one of the running services.
    }
  }
  return result;
}

/**
 * Resident memory of every process a process started, at any depth (PostgreSQL's backends, the
 * services, the JVM), from Linux's /proc: RSS and PSS (shared pages divided among the processes
 * that share them) from /proc/<pid>/smaps_rollup.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { parseProcStat } from './child-processes.js';

export interface ProcessMemory {
  pid: number;
  /** `postgres`, `java`, or for a Node process its folder relative to the root (`gateway`, `subgraphs/users`, `web`). */
  name: string;
  rssKiB: number;
  pssKiB: number;
}

/** RSS and PSS in KiB from the text of /proc/<pid>/smaps_rollup. */
export function parseSmapsRollup(text: string): { rssKiB: number; pssKiB: number } | undefined {
  const rss = /^Rss:\s+(\d+) kB$/m.exec(text);
  const pss = /^Pss:\s+(\d+) kB$/m.exec(text);
  return rss && pss ? { rssKiB: Number(rss[1]), pssKiB: Number(pss[1]) } : undefined;
}

/** The pids below `rootPid` (not itself), each with its parent, from one walk of /proc. */
export function descendants(rootPid: number, parents: Map<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found: number[] = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Each descendant of `rootPid` with its memory; empty where there is no /proc. */
export function descendantMemory(rootPid: number, root: string): ProcessMemory[] {
  const parents = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  for (const entry of entries) {
    try {
      const stat = parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      parents.set(stat.pid, stat.ppid);
    } catch {
      // Ended while we looked.
    }
  }
  const result: ProcessMemory[] = [];
  for (const pid of descendants(rootPid, parents)) {
    try {
      const memory = parseSmapsRollup(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (!memory) continue;
      const exe = path.basename(readlinkSync(`/proc/${pid}/exe`));
      const name = exe === 'node' ? path.relative(root, readlinkSync(`/proc/${pid}/cwd`)) || 'stack (spotlight)' : exe;
      result.push({ pid, name, ...memory });
    } catch {
      // Ended while we looked, or not ours to read.
    }
  }
  return result;
}

/**
 * The child processes of a process that run a given command, from Linux's /proc: the services a
 * benchmark started, each keyed by its working directory (its folder: `gateway`, `subgraphs/users`, ...).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export interface ProcStat {
  pid: number;
  ppid: number;
  /** User plus system time, in clock ticks. */
  cpuTicks: number;
}

/** Reads one line of /proc/<pid>/stat; the command name in parentheses may itself contain spaces and parentheses. */
export function parseProcStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  if (close === -1) throw new Error(`/proc stat: expected "pid (comm) state ppid ..."; got ${JSON.stringify(line.slice(0, 80))}`);
  const pid = Number(line.slice(0, line.indexOf(' ')));
  // Fields after the command: state (3), ppid (4), ... utime (14), stime (15).
  const fields = line.slice(close + 2).split(' ');
  return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

/** A child process as /proc showed it, with its working directory relative to the root asked for. */
export interface ChildProcess extends ProcStat {
  key: string;
}

/**
 * Each child of `parentPid` running `command`, keyed by its working directory relative to `root`.
 * Empty where there is no /proc.
 */
export function childProcesses(parentPid: number, command: string, root: string): ChildProcess[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const children: ChildProcess[] = [];
  for (const entry of entries) {
    try {
      const stat = parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (stat.ppid !== parentPid || readlinkSync(`/proc/${entry}/exe`) !== command) continue;
      children.push({ ...stat, key: path.relative(root, readlinkSync(`/proc/${entry}/cwd`)) || '.' });
    } catch {
      // The process ended while we looked: it is not one of the running services.
    }
  }
  return children;
}

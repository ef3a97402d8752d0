/**
 * CPU time of this process's child processes, from Linux's /proc. Throughput on a shared machine
 * moves with whatever else runs there; the CPU time the services spend per request does much less,
 * so the benchmark reports both.
 */
import { execFileSync } from 'node:child_process';
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

let ticksPerSecond: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`, 100 on Linux almost everywhere). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU seconds used so far by each child of `parentPid` running `command`, keyed by its working
 * directory relative to `root` (a service's folder: `gateway`, `subgraphs/users`, ...).
 * Empty where there is no /proc.
 */
export function childCpuSeconds(parentPid: number, command: string, root: string): Map<string, number> {
  const result = new Map<string, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return result;
  }
  for (const entry of entries) {
    try {
      const stat = parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (stat.ppid !== parentPid || readlinkSync(`/proc/${entry}/exe`) !== command) continue;
      const key = path.relative(root, readlinkSync(`/proc/${entry}/cwd`)) || '.';
      result.set(key, (result.get(key) ?? 0) + stat.cpuTicks / clockTicks());
    } catch {
      // The process ended while we looked: it is not one of the running services.
    }
  }
  return result;
}

/** CPU seconds spent by each child between two readings of `childCpuSeconds`. */
export function cpuSpent(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([key, seconds]) => [key, seconds - (before.get(key) ?? 0)]));
}

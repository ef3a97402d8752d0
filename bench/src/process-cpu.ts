/**
 * CPU time of this process's child processes, from Linux's /proc. Throughput on a shared machine
 * moves with whatever else runs there; the CPU time the services spend per request does much less,
 * so the benchmark reports both.
 */
import { execFileSync } from 'node:child_process';
import { childProcesses } from './child-processes.js';

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
 * directory relative to `root` (see `childProcesses`). Empty where there is no /proc.
 */
export function childCpuSeconds(parentPid: number, command: string, root: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const { key, cpuTicks } of childProcesses(parentPid, command, root)) {
    result.set(key, (result.get(key) ?? 0) + cpuTicks / clockTicks());
  }
  return result;
}

/** CPU seconds spent by each child between two readings of `childCpuSeconds`. */
export function cpuSpent(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([key, seconds]) => [key, seconds - (before.get(key) ?? 0)]));
}

/**
 * Where a process's CPU went, from a V8 `.cpuprofile` (`node --cpu-prof`): each sample's time goes
 * to the frame that was running (its self time), and each frame to the code it belongs to by its
 * script's path. Idle time is left out; the shares are of the time the process was busy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of a V8 CPU profile this reads. */
export interface V8CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

export const CODE_GROUPS = ['sentry', 'opentelemetry', 'module hooks', 'garbage collection', 'node', 'application and libraries'] as const;
export type CodeGroup = (typeof CODE_GROUPS)[number];

/** The code a frame belongs to; undefined for idle time. */
export function codeGroup(frame: { functionName: string; url: string }): CodeGroup | undefined {
  if (frame.functionName === '(idle)' || frame.functionName === '(program)') return undefined;
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.url.includes('/@sentry/')) return 'sentry';
  if (frame.url.includes('/@opentelemetry/')) return 'opentelemetry';
  if (/\/(import|require)-in-the-middle\//.test(frame.url)) return 'module hooks';
  if (frame.url === '' || frame.url.startsWith('node:')) return 'node';
  return 'application and libraries';
}

/** Busy milliseconds per code group in one profile. */
export function busyMsByGroup(profile: V8CpuProfile): Record<CodeGroup, number> {
  const groupOf = new Map(profile.nodes.map((node) => [node.id, codeGroup(node.callFrame)]));
  const totals = Object.fromEntries(CODE_GROUPS.map((group) => [group, 0])) as Record<CodeGroup, number>;
  profile.samples.forEach((nodeId, index) => {
    const group = groupOf.get(nodeId);
    // A sample's delta is the time since the one before it, in microseconds.
    if (group) totals[group] += (profile.timeDeltas[index] ?? 0) / 1000;
  });
  return totals;
}

/** Each group's share (0 to 1) of the busy time of every `.cpuprofile` in `dir`, with the busy seconds. */
export function profileShares(dir: string): { busySeconds: number; shares: Record<CodeGroup, number> } {
  const totals = Object.fromEntries(CODE_GROUPS.map((group) => [group, 0])) as Record<CodeGroup, number>;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const busy = busyMsByGroup(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as V8CpuProfile);
    for (const group of CODE_GROUPS) totals[group] += busy[group];
  }
  const busyMs = CODE_GROUPS.reduce((sum, group) => sum + totals[group], 0);
  return {
    busySeconds: busyMs / 1000,
    shares: Object.fromEntries(CODE_GROUPS.map((group) => [group, busyMs > 0 ? totals[group] / busyMs : 0])) as Record<CodeGroup, number>,
  };
}

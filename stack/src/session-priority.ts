/**
 * The CPU priority of a child in a session of its own. `ProcessGroup` starts each child detached (a
 * process group, and so a session, of its own), and on Linux a new session is a new scheduling
 * group ("autogroup") that the kernel weighs by the group's niceness, not by its processes': a
 * stack started at a lower priority (`nice npm start`) would otherwise run its services at the
 * normal one.
 */
import { writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';

/** Gives the session of `pid` this process's niceness, where the kernel groups by session (Linux autogroups). */
export function keepNicenessInSession(pid: number): void {
  const niceness = getPriority();
  if (niceness <= 0 || process.platform !== 'linux') return;
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(niceness));
  } catch {
    // A kernel without autogroups: the niceness the child inherited is the one that counts.
  }
}

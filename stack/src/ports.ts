import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/** Fails with a clear message when `port` is taken, before anything tries to use it. */
export async function assertPortFree(port: number, what: string, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} for ${what} is taken: stop what uses it or set ${variable} to another port`)
          : error,
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/**
 * Where `freePort` looks: below the ports the operating system gives the local end of outgoing
 * connections (from 32768 on Linux, `net.ipv4.ip_local_port_range`; from 49152 on macOS and
 * Windows). A port the system chose (port 0) lies in that range, and a connection some process opens
 * between the probe and the server's start can take it: the server then fails with "the port is
 * taken". None can take a port below it.
 */
export const FREE_PORT_RANGE = { from: 15_000, to: 32_767 } as const;

/** Ports this process handed out already: a stack never gets the same port twice. */
const handedOut = new Set<number>();

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A port that is free right now, picked at random in FREE_PORT_RANGE (for tests and the benchmarks). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = FREE_PORT_RANGE.from + randomInt(FREE_PORT_RANGE.to - FREE_PORT_RANGE.from + 1);
    if (handedOut.has(port) || !(await isFree(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port found in ${FREE_PORT_RANGE.from}-${FREE_PORT_RANGE.to} after 100 tries`);
}

/** A free port for every service of the stack (for tests and the benchmark). */
export async function freeStackPorts(): Promise<{
  gateway: number;
  users: number;
  game: number;
  analytics: number;
  paymentProvider: number;
}> {
  return {
    gateway: await freePort(),
    users: await freePort(),
    game: await freePort(),
    analytics: await freePort(),
    paymentProvider: await freePort(),
  };
}

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

/** A port that is free right now, chosen by the operating system (for tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
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

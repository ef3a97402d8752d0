import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { FREE_PORT_RANGE, freePort, freeStackPorts } from './ports.js';

/** The first port Linux gives the local end of outgoing connections; 49152 elsewhere. */
function firstEphemeralPort(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 49_152;
  }
}

test(
  'free ports lie below the range of outgoing connections, so no client socket can take one before its server starts',
  { timeout: 10_000 },
  async () => {
    assert.ok(
      FREE_PORT_RANGE.to < firstEphemeralPort(),
      `the range ends at ${FREE_PORT_RANGE.to}, outgoing ports start at ${firstEphemeralPort()}`,
    );
    const ports = [await freePort(), ...Object.values(await freeStackPorts())];
    for (const port of ports) assert.ok(port >= FREE_PORT_RANGE.from && port <= FREE_PORT_RANGE.to, `port ${port}`);
    assert.equal(new Set(ports).size, ports.length, 'never the same port twice');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(ports[0], '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  },
);

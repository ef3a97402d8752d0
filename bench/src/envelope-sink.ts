import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local endpoint that accepts the SDKs' envelopes and drops them, so that a benchmark with
 * tracing on pays what tracing costs the services (spans, serialization, sending) and no more.
 */
export async function startDiscardingEnvelopeSink(): Promise<{ dsn: string; envelopes: () => number; stop: () => Promise<void> }> {
  let envelopes = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      envelopes++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    envelopes: () => envelopes,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ItemCounts {
  transactions: number;
  profileChunks: number;
}

/** An endpoint that stands where Sentry would, counts the transactions and profile chunks it gets, and drops them. */
export async function startItemCountingSink() {
  const counts: ItemCounts = { transactions: 0, profileChunks: 0 };
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      let body = Buffer.concat(parts);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      // Item headers are lines of their own; a payload line never starts with a `type` key.
      for (const line of body.toString('utf8').split('\n')) {
        if (line.startsWith('{"type":"transaction"')) counts.transactions++;
        else if (line.startsWith('{"type":"profile_chunk"')) counts.profileChunks++;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    dsn: `http://publickey@127.0.0.1:${(server.address() as AddressInfo).port}/1`,
    counts: (): ItemCounts => ({ ...counts }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** What a sink answers a request with, once it has read the whole (gunzipped) body. */
export interface SinkAnswer {
  contentType: string;
  body: string;
}

/**
 * A local endpoint on 127.0.0.1 that stands where Sentry (or an OTLP backend) would: `read` gets
 * each request with its whole body and says what to answer. Its address is given as a DSN.
 */
export async function startLoopbackSink(read: (request: IncomingMessage, body: Buffer) => SinkAnswer) {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      let body = Buffer.concat(parts);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const answer = read(req, body);
      res.writeHead(200, { 'content-type': answer.contentType }).end(answer.body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    /** The sink as a DSN; its origin is also an OTLP base endpoint. */
    dsn: `http://publickey@127.0.0.1:${(server.address() as AddressInfo).port}/1`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The answer Sentry's envelope endpoint gives. */
export const ENVELOPE_ACCEPTED: SinkAnswer = { contentType: 'application/json', body: '{}' };

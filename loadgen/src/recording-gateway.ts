import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the recording gateway saw of one GraphQL request. */
export interface SeenRequest {
  scenarioHeader: string | undefined;
  query: string;
  variables: unknown;
}

export interface RecordingGateway {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** The catalog shape that the gateway serves at GET /scenarios. */
export const SAMPLE_CATALOG = {
  scenarios: [
    {
      name: 'n-plus-one',
      services: ['users', 'game'],
      title: 'N+1 queries',
      teaches: 'one query per parent',
      defaultMode: 'slow',
      modes: ['slow', 'fixed'],
      operation: 'query NPlusOne($players: Int!) { players(first: $players) { id } }',
      variables: { players: 3 },
      // A mode may carry its own operation (federation-waterfall's twins are two operations).
      operations: {
        fixed: { operation: 'query NPlusOneFixed($first: Int!) { players(first: $first) { id } }', variables: { first: 4 } },
      },
    },
    {
      name: 'cpu-rng',
      services: ['game'],
      title: 'CPU-bound RNG',
      teaches: 'blocking the event loop',
      defaultMode: 'slow',
      modes: ['slow', 'fixed'],
      operation: 'query CpuRng { freePlay(gameId: "slots-fruit", spins: 1) { won } }',
      variables: {},
    },
  ],
};

async function readJson(request: IncomingMessage): Promise<{ query: string; variables: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables: unknown };
}

/**
 * A stand-in for the gateway on 127.0.0.1: GET /scenarios serves the catalog, POST /graphql
 * answers after a delay that depends on the mode in x-scenarios, `cpu-rng=slow` answers with
 * a GraphQL error, `infinite-loop=slow` with its guard's error, which is its demo's answer, and
 * `pool-exhaustion=slow` with SLOW_VARIANT_BUSY, the refusal of a service whose slow variants are in use.
 */
export async function startRecordingGateway(): Promise<RecordingGateway> {
  const seen: SeenRequest[] = [];
  const respond = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' && request.url === '/scenarios') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(SAMPLE_CATALOG));
      return;
    }
    if (request.method === 'POST' && request.url === '/graphql') {
      const body = await readJson(request);
      const scenarioHeader = request.headers['x-scenarios'] as string | undefined;
      seen.push({ scenarioHeader, query: body.query, variables: body.variables });
      await sleep(scenarioHeader?.endsWith('=slow') ? 40 : 2);
      const answer = scenarioHeader?.endsWith('cpu-rng=slow')
        ? { errors: [{ message: 'spins exhausted' }] }
        : scenarioHeader?.endsWith('infinite-loop=slow')
          ? { data: null, errors: [{ message: 'pagination made no progress', extensions: { code: 'LOOP_GUARD_TRIPPED' } }] }
          : scenarioHeader?.endsWith('pool-exhaustion=slow')
            ? {
                data: null,
                errors: [
                  { message: 'slow variants in game run for one unit of work at a time', extensions: { code: 'SLOW_VARIANT_BUSY' } },
                ],
              }
            : { data: { ok: true } };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      return;
    }
    response.writeHead(404).end();
  };
  // A request it cannot read (a body that is not JSON) is answered 400 rather than left hanging.
  const server = createServer((request, response) => {
    respond(request, response).catch((error: Error) => {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(error.message);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

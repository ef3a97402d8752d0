/**
 * `GET /about` on the whole stack: the gateway's tracing set-up as configured, and the MongoDB the
 * analytics subgraph detected at start-up (the offline stand-in in CI, TEST_MONGO_SOURCE=standin).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

let sink: SentryEnvelopeSink;
let stack: TestStack;

before(async () => {
  sink = new SentryEnvelopeSink();
  await sink.start();
  // The public key `spotlight` is how `npm start` marks its Spotlight DSN; the sink accepts any key.
  const spotlightDsn = sink.dsn.replace(/\/\/[^@]+@/, '//spotlight@');
  stack = await startTestStack({ env: { SENTRY_DSN: spotlightDsn, SENTRY_TRACES_SAMPLE_RATE: '0.5' } });
});
after(async () => {
  await stack?.stop();
  await sink?.stop();
});

interface About {
  tracing: { destination: string; sampleRate: number };
  mongo: { server: string; version: string | null; indexesUsed: boolean | null; detail: string };
}

test('GET /about reports the tracing destination and sample rate, and the MongoDB server analytics found', async () => {
  const response = await fetch(`${stack.gatewayUrl}/about`);
  assert.equal(response.status, 200);
  const about = (await response.json()) as About;
  assert.deepEqual(about.tracing, { destination: 'spotlight', sampleRate: 0.5 });

  // The gateway passes on what the analytics subgraph serves.
  const analytics = (await (await fetch(`http://127.0.0.1:${stack.ports.analytics}/about`)).json()) as Pick<About, 'mongo'>;
  assert.deepEqual(about.mongo, analytics.mongo);

  const source = process.env['TEST_MONGO_SOURCE'];
  if (source === 'standin') {
    assert.deepEqual(about.mongo, {
      server: 'stand-in',
      version: '5.0.0',
      indexesUsed: false,
      detail: 'MongoDB wire-protocol stand-in (mongo-java-server): indexes are accepted but never used, so index effects are not real',
    });
  } else if (source === 'mongod') {
    assert.equal(about.mongo.server, 'mongod');
    assert.equal(about.mongo.indexesUsed, true);
    assert.equal(about.mongo.detail, `MongoDB ${about.mongo.version}`);
  } else {
    assert.ok(['mongod', 'stand-in', 'unknown'].includes(about.mongo.server), JSON.stringify(about.mongo));
  }
});

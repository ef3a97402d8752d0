import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { telemetryVariables } from './telemetry-config.js';

const load = (value: string | undefined) => loadConfig(telemetryVariables, { EVENT_LOOP_BLOCK_MS: value }).EVENT_LOOP_BLOCK_MS;

test('EVENT_LOOP_BLOCK_MS: 500 by default, 0 switches it off, 100 to 600000 otherwise', () => {
  assert.equal(load(undefined), 500);
  assert.equal(load('0'), 0);
  assert.equal(load('100'), 100);
  assert.equal(load('600000'), 600_000);
});

test('EVENT_LOOP_BLOCK_MS out of range or not a whole number: one line names it, what was expected and what arrived', () => {
  for (const bad of ['50', '-1', '1.5', 'soon', '600001']) {
    assert.throws(
      () => load(bad),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const lines = error.message.split('\n').filter((line) => line.includes('EVENT_LOOP_BLOCK_MS'));
        assert.deepEqual(lines, [
          `  EVENT_LOOP_BLOCK_MS: expected 0 (off) or a whole number from 100 to 600000; got ${JSON.stringify(bad)}`,
        ]);
        return true;
      },
    );
  }
});

/**
 * A process like a service: `initTelemetry` (here with the sink's DSN), a start-up that turns the loop
 * for 0.3 s and then blocks it for 1.5 s, then `watchEventLoopBlocks` (what `runService` calls once the service listens), then
 * `blockTheLoop` for 1.2 s. Prints whether the inspector's port is open after the watch started.
 */
const PROBE = `
import inspector from 'node:inspector';
const { initTelemetry } = await import(${JSON.stringify(new URL('./instrument.js', import.meta.url).href)});
const { watchEventLoopBlocks } = await import(${JSON.stringify(new URL('./event-loop-block.js', import.meta.url).href)});
await initTelemetry('probe');
function startUp(ms) { const until = Date.now() + ms; while (Date.now() < until); }
// Loading the app's modules: turns of the loop (file reads), then evaluation that blocks it.
await new Promise((resolve) => setTimeout(resolve, 300));
startUp(1500);
// What a service's listening server does: keep the process alive.
const keepAlive = setInterval(() => {}, 1000);
await watchEventLoopBlocks();
console.log(JSON.stringify({ inspectorUrl: inspector.url() ?? null }));
function blockTheLoop(ms) { const until = Date.now() + ms; let x = 0; while (Date.now() < until) x += Math.sqrt(x + 1); return x; }
blockTheLoop(1200);
await new Promise((resolve) => setTimeout(resolve, 1500));
clearInterval(keepAlive);
`;

interface AnrEvent {
  tags?: Record<string, string>;
  exception?: { values?: { type?: string; stacktrace?: { frames?: { function?: string }[] } }[] };
}

async function runProbe(env: NodeJS.ProcessEnv): Promise<{ events: AnrEvent[]; inspectorUrl: string | null; stderr: string }> {
  const events: AnrEvent[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const lines = Buffer.concat(parts).toString('utf8').split('\n');
      lines.forEach((line, index) => {
        if (line.startsWith('{"type":"event"')) events.push(JSON.parse(lines[index + 1]!) as AnrEvent);
      });
      res.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const dsn = `http://publickey@127.0.0.1:${(server.address() as AddressInfo).port}/1`;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', PROBE], {
      env: { PATH: process.env['PATH'], SENTRY_DSN: dsn, SENTRY_PROFILE_SESSION_SAMPLE_RATE: '0', ...env },
      timeout: 30_000,
    });
    const { inspectorUrl } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { inspectorUrl: string | null };
    return { events, inspectorUrl, stderr };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

test('a loop blocked after start-up sends one ApplicationNotResponding event naming the blocking function; start-up sends none', async () => {
  const { events, inspectorUrl } = await runProbe({});
  assert.equal(inspectorUrl, null, "the inspector's WebSocket server is closed once the watcher runs");
  assert.equal(events.length, 1, `one event, for blockTheLoop and not for the start-up; got ${JSON.stringify(events)}`);
  const [event] = events;
  assert.equal(event!.exception?.values?.[0]?.type, 'ApplicationNotResponding');
  assert.equal(event!.tags?.['service'], 'probe');
  const frames = event!.exception?.values?.[0]?.stacktrace?.frames ?? [];
  assert.equal(frames.at(-1)?.function, 'blockTheLoop', `the innermost frame; got ${frames.map((frame) => frame.function).join(' > ')}`);
});

test('EVENT_LOOP_BLOCK_MS=0: no event, and the inspector is never opened', async () => {
  const { events, inspectorUrl, stderr } = await runProbe({ EVENT_LOOP_BLOCK_MS: '0' });
  assert.deepEqual(events, []);
  assert.equal(inspectorUrl, null);
  assert.doesNotMatch(stderr, /Debugger listening/);
});

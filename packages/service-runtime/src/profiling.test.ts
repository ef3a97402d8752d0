import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { promisify } from 'node:util';
import * as Sentry from '@sentry/node';
import { loadConfig } from './config.js';
import { loadProfilingIntegration, profileWhileTraced } from './profiling.js';
import { telemetryVariables } from './telemetry-config.js';

/** Keeps the CPU busy for `ms`, so that the profiler has samples to take. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  let x = 0;
  while (performance.now() < until) x += Math.sqrt(x + 1);
}

/** The sample timestamps (seconds) of every `profile_chunk` item in the envelopes received. */
function chunkSampleTimes(envelopes: string[]): number[][] {
  const chunks: number[][] = [];
  for (const envelope of envelopes) {
    const lines = envelope.split('\n');
    lines.forEach((line, index) => {
      if (!line.includes('"profile_chunk"') || !line.startsWith('{"type"')) return;
      const payload = JSON.parse(lines[index + 1]!) as { profile: { samples: { timestamp: number }[] } };
      chunks.push(payload.profile.samples.map((sample) => sample.timestamp));
    });
  }
  return chunks;
}

test('the profiler runs while a traced span is open, not during untraced requests nor between them', async () => {
  const envelopes: string[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      envelopes.push(Buffer.concat(parts).toString('utf8'));
      res.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const dsn = `http://publickey@127.0.0.1:${(server.address() as AddressInfo).port}/1`;
  try {
    const integration = await loadProfilingIntegration('test', { sessionSampleRate: 1, dsn });
    assert.ok(integration, 'the native profiler loads on this Node');
    Sentry.init({
      dsn,
      tracesSampler: ({ name }) => name === 'traced',
      profileSessionSampleRate: 1,
      profileLifecycle: 'manual',
      integrations: [integration],
    });
    profileWhileTraced(Sentry.getClient()!);

    // An untraced request with a child span: Sentry's own 'trace' lifecycle never stops after it.
    Sentry.startSpan({ name: 'untraced' }, () => Sentry.startSpan({ name: 'child' }, () => busy(100)));
    const gapStart = Date.now() / 1000;
    busy(200);
    const gapEnd = Date.now() / 1000;
    Sentry.startSpan({ name: 'traced' }, () => Sentry.startSpan({ name: 'child' }, () => busy(150)));
    const tracedEnd = Date.now() / 1000;
    await Sentry.flush(5000);

    const chunks = chunkSampleTimes(envelopes);
    assert.equal(chunks.length, 1, 'one chunk, sent when the traced span ended');
    const samples = chunks[0]!;
    assert.ok(samples.length >= 5, `samples within the traced span; got ${samples.length}`);
    // The native profiler's clock is rounded to the millisecond; allow that much either side.
    assert.ok(
      samples.every((time) => time >= gapEnd - 0.002 && time <= tracedEnd + 0.002),
      `every sample within the traced span (${gapEnd}–${tracedEnd}), none in the untraced time from ${gapStart}; got ${samples.join(', ')}`,
    );
  } finally {
    await Sentry.close(2000);
    server.closeAllConnections();
    server.close();
  }
});

test('SENTRY_PROFILE_SESSION_SAMPLE_RATE: 1 unless set, a share from 0 to 1, anything else named with what arrived', () => {
  assert.equal(loadConfig(telemetryVariables, {}).SENTRY_PROFILE_SESSION_SAMPLE_RATE, 1);
  assert.equal(loadConfig(telemetryVariables, { SENTRY_PROFILE_SESSION_SAMPLE_RATE: '0.5' }).SENTRY_PROFILE_SESSION_SAMPLE_RATE, 0.5);
  assert.throws(
    () => loadConfig(telemetryVariables, { SENTRY_PROFILE_SESSION_SAMPLE_RATE: '1.5' }),
    /SENTRY_PROFILE_SESSION_SAMPLE_RATE: expected a number from 0 to 1; got "1\.5"/,
  );
});

test('profiling stays off at rate 0 and without a DSN, where nothing would receive the profiles', async () => {
  assert.equal(await loadProfilingIntegration('test', { sessionSampleRate: 0, dsn: 'http://k@127.0.0.1:9/1' }), undefined);
  assert.equal(await loadProfilingIntegration('test', { sessionSampleRate: 1, dsn: undefined }), undefined);
});

test('a native profiler that does not load leaves the service running without profiling, said in one line', async () => {
  // The profiler's own variable for a binary of one's own: here one that does not exist.
  const script = `
    import { initTelemetry } from ${JSON.stringify(new URL('./instrument.js', import.meta.url).href)};
    await initTelemetry('probe');
    console.log('started');`;
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      SENTRY_DSN: 'http://publickey@127.0.0.1:9/1',
      SENTRY_PROFILE_SESSION_SAMPLE_RATE: '1',
      SENTRY_PROFILER_BINARY_PATH: '/nonexistent/sentry_cpu_profiler.node',
    },
  });
  assert.equal(stdout.trim(), 'started');
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(
    lines[0]!,
    /^probe: CPU profiling is off \(SENTRY_PROFILE_SESSION_SAMPLE_RATE=1\): @sentry\/node-cpu-profiler did not load on linux-x64/,
  );
});

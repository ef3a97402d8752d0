/**
 * CPU profiles reach Spotlight as `npm start` runs it: the sidecar as its own process, and a
 * service's Sentry set-up (`initTelemetry`) with the DSN `npm start` gives the services
 * (`spotlightDsn`). A traced span that keeps the CPU busy sends its transaction and a
 * `profile_chunk` of the same profiler, and the sidecar's event stream replays both.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { freePort, ProcessGroup, REPO_ROOT, spotlightDsn, spotlightProcess, waitForHttpOk } from '@trace-arcade/stack';

let sidecar: ProcessGroup;
let port: number;
const lines: string[] = [];

before(async () => {
  port = await freePort();
  sidecar = new ProcessGroup(
    (name, line) => lines.push(`[${name}] ${line}`),
    (name, code) => lines.push(`[${name}] exited with code ${code}`),
  );
  sidecar.start(spotlightProcess(port));
  await waitForHttpOk(`http://127.0.0.1:${port}/health`, 30_000).catch((error: unknown) => {
    throw new Error(`Spotlight did not start: ${(error as Error).message}\n${lines.join('\n')}`);
  });
});
after(async () => {
  await sidecar?.stopAll();
});

/** Reads the sidecar's event stream (it replays what it holds) until `done` holds for the text so far. */
async function streamUntil(done: (text: string) => boolean, timeoutMs: number): Promise<string> {
  let text = '';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(`http://localhost:${port}/stream`, {
      headers: { accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) {
      text += decoder.decode(chunk as Uint8Array, { stream: true });
      if (done(text)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return text;
}

test("a traced request's CPU profile reaches Spotlight with its transaction", async () => {
  const instrument = pathToFileURL(path.join(REPO_ROOT, 'packages/service-runtime/dist/instrument.js')).href;
  const script = `
    import * as Sentry from '@sentry/node';
    import { initTelemetry } from ${JSON.stringify(instrument)};
    await initTelemetry('probe');
    Sentry.startSpan({ name: 'profiled-probe' }, () => {
      const until = performance.now() + 250;
      let x = 0;
      while (performance.now() < until) x += Math.sqrt(x + 1);
    });
    await Sentry.flush(5000);
    console.log(Sentry.getGlobalScope().getScopeData().contexts.profile?.profiler_id ?? 'none');`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.join(REPO_ROOT, 'packages/service-runtime'),
    env: {
      ...process.env,
      SENTRY_DSN: spotlightDsn(port),
      SENTRY_SPOTLIGHT: '',
      SENTRY_PROFILE_SESSION_SAMPLE_RATE: '1',
      SENTRY_TRACES_SAMPLE_RATE: '1',
    },
  });
  const profilerId = stdout.trim();
  assert.match(profilerId, /^[0-9a-f]{32}$/, `the probe profiled; got ${JSON.stringify(stdout)}`);

  const hasChunk = (text: string) => text.includes('"profile_chunk"') && text.split(profilerId).length - 1 >= 2;
  const text = await streamUntil((sofar) => sofar.includes('profiled-probe') && hasChunk(sofar), 15_000);
  assert.ok(text.includes('profiled-probe'), 'the transaction reached Spotlight');
  assert.ok(hasChunk(text), 'a profile_chunk of the same profiler reached Spotlight (its id is in the transaction and in the chunk)');
});

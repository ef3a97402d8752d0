import assert from 'node:assert/strict';
import { Session } from 'node:inspector/promises';
import { test } from 'node:test';
import { loadConfig } from './config.js';
import { retainedAllocationSites, type SamplingHeapProfile } from './heap-profile.js';
import { telemetryVariables } from './telemetry-config.js';

const kept: unknown[] = [];

/** Keeps about 8 MB alive, in objects it allocates itself. */
function keepRounds(): void {
  for (let index = 0; index < 40_000; index++)
    kept.push({ id: `round-${index}`, cents: [index, index + 1, index + 2], at: new Date(index) });
}

/** Allocates about as much, all of it garbage once it returns. */
function makeGarbage(): number {
  let total = 0;
  for (let index = 0; index < 40_000; index++) total += [`round-${index}`, index, new Date(index)].length;
  return total;
}

test('retainedAllocationSites: the function whose allocations are still alive comes first; garbage is gone after a collection', async () => {
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 16 * 1024 });
    makeGarbage();
    keepRounds();
    makeGarbage();
    await session.post('HeapProfiler.collectGarbage');
    const { profile } = (await session.post('HeapProfiler.getSamplingProfile')) as { profile: SamplingHeapProfile };
    await session.post('HeapProfiler.stopSampling');
    const sites = retainedAllocationSites(profile);
    const describe = sites.map((site) => `${site.function}:${site.line} ${Math.round(site.share * 100)}%`).join(', ');
    assert.equal(sites[0]?.function, 'keepRounds', `top site; got ${describe}`);
    assert.match(sites[0].url, /heap-profile\.test\.js$/);
    assert.ok(sites[0].share > 0.5, `most retained sampled bytes; got ${describe}`);
    // What makeGarbage itself keeps (its compiled code, a few bytes) may show; its 8 MB of garbage must not.
    const garbage = sites.find((site) => site.function === 'makeGarbage');
    assert.ok((garbage?.share ?? 0) < 0.02, `no garbage; got ${describe}`);
    assert.match(sites[0].stack[0] ?? '', /heap-profile\.test\.js/, `its caller, the test; got ${sites[0].stack.join(' < ')}`);
  } finally {
    session.disconnect();
    kept.length = 0;
  }
});

const load = (value: string | undefined) => loadConfig(telemetryVariables, { HEAP_PROFILE_MB: value }).HEAP_PROFILE_MB;

test('HEAP_PROFILE_MB: 128 by default, 0 switches it off, 16 to 1048576 otherwise; else one line names it', () => {
  assert.equal(load(undefined), 128);
  assert.equal(load('0'), 0);
  assert.equal(load('16'), 16);
  for (const bad of ['8', '-1', '1.5', 'lots']) {
    assert.throws(
      () => load(bad),
      new RegExp(`HEAP_PROFILE_MB: expected 0 \\(off\\) or a whole number from 16 to 1048576; got "${bad.replace('.', '\\.')}"`),
    );
  }
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startRecordingGateway, type RecordingGateway } from './recording-gateway.js';

const MAIN = fileURLToPath(new URL('./main.js', import.meta.url));

let gateway: RecordingGateway;
before(async () => {
  gateway = await startRecordingGateway();
});
after(() => gateway.close());

async function runMain(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'], LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

test('npm run load: reads the catalog, stops by itself and prints a summary per scenario and mode', async () => {
  const { code, stdout, stderr } = await runMain({
    GATEWAY_URL: gateway.url,
    LOAD_RATE: '100',
    LOAD_DURATION_S: '10',
    LOAD_MAX_REQUESTS: '8',
    LOAD_SCENARIOS: 'n-plus-one',
  });
  assert.equal(code, 0, stderr);
  const lines = stdout.trim().split('\n');
  assert.match(lines[0]!, /^scenario\s+mode\s+count\s+errors\s+refused\s+p50 ms\s+p95 ms$/);
  assert.match(lines[1]!, /^n-plus-one\s+slow\s+4\s+0\s+0\s+\d+\s+\d+$/);
  assert.match(lines[2]!, /^n-plus-one\s+fixed\s+4\s+0\s+0\s+\d+\s+\d+$/);
});

test('a gateway off this machine is refused before anything is sent', async () => {
  const { code, stdout, stderr } = await runMain({ GATEWAY_URL: 'http://gateway.invalid:4000' });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(
    stderr,
    /loadgen: invalid configuration:\n {2}GATEWAY_URL: expected a loopback URL .*LOAD_ALLOW_REMOTE=true.*; got "http:\/\/gateway.invalid:4000"/,
  );
});

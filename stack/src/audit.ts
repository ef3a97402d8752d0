/**
 * `npm run audit`: `npm audit --omit=dev` over the production dependencies. Exits 1 on any high or
 * critical advisory. When the audit cannot run (the registry does not serve its advisory endpoint,
 * no network), it says so in one line and that nothing was checked; it exits 0 then, unless
 * AUDIT_REQUIRED=true, where that is a failure too.
 */
import { spawn } from 'node:child_process';
import { auditVerdict } from './audit-report.js';
import { REPO_ROOT } from './paths.js';

const say = (line: string) => console.log(`[audit] ${line}`);
const TIMEOUT_MS = 120_000;

async function runNpmAudit(): Promise<{ stdout: string; stderr: string }> {
  const child = spawn('npm', ['audit', '--omit=dev', '--json'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (_code, signal) => {
        if (signal === 'SIGKILL') stderr += `\nnpm error no answer within ${TIMEOUT_MS / 1000} s`;
        resolve();
      });
    });
  } catch (error) {
    return { stdout: '', stderr: `npm error could not start npm: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
  return { stdout, stderr };
}

const { stdout, stderr } = await runNpmAudit();
const verdict = auditVerdict(stdout, stderr);
if (verdict.status === 'unavailable') {
  say(`npm audit could not be run, so the production dependencies were NOT checked: ${verdict.reason}`);
  process.exitCode = process.env['AUDIT_REQUIRED'] === 'true' ? 1 : 0;
} else if (verdict.status === 'fail') {
  say(`FAILED: ${verdict.summary}`);
  for (const advisory of verdict.advisories) say(`  ${advisory}`);
  process.exitCode = 1;
} else {
  say(verdict.summary);
}

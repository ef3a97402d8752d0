/** The compiled command as a child process, against a local stand-in for Sentry on 127.0.0.1. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ALL_DEFINITIONS, writeDefinitions } from './definitions-fixture.js';
import { FakeSentry } from './fake-sentry-server.js';

const CLI = new URL('./apply-cli.js', import.meta.url).pathname;
const TIMEOUT = { timeout: 30_000 };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command with exactly these variables (none of the caller's SENTRY_* leak in). */
function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** One line on stderr, no stack trace. */
function assertOneLineError(result: Run, code: number, expected: RegExp): void {
  assert.equal(result.code, code, `exit code; stderr: ${result.stderr}`);
  assert.equal(result.stdout.trim().split('\n').filter(Boolean).length <= 1, true, `stdout: ${result.stdout}`);
  const [first] = result.stderr.split('\n');
  assert.match(first!, /^dashboards:apply: /);
  assert.match(first!, expected);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.doesNotMatch(result.stderr + result.stdout, /secret-token/, 'the token is never printed');
}

const fixture = writeDefinitions(ALL_DEFINITIONS);
after(() => fixture.remove());

describe('npm run dashboards:apply', () => {
  let sentry: FakeSentry;
  let env: Record<string, string>;
  before(async () => {
    sentry = await new FakeSentry({ token: 'secret-token', org: 'acme', projects: ['trace-arcade'] }).start();
    env = { SENTRY_AUTH_TOKEN: 'secret-token', SENTRY_ORG: 'acme', SENTRY_PROJECT: 'trace-arcade', SENTRY_URL: sentry.url };
  });
  after(() => sentry.stop());
  beforeEach(() => {
    sentry.dashboards.clear();
    sentry.alertRules.clear();
    sentry.requests.length = 0;
    sentry.intercept = undefined;
  });

  test('creates everything, then on a second run updates everything and creates nothing; one line per definition', TIMEOUT, async () => {
    const first = await run(['--definitions', fixture.dir], env);
    assert.equal(first.code, 0, first.stderr);
    const ids = [...sentry.dashboards.keys(), ...sentry.alertRules.keys()];
    assert.deepEqual(first.stdout.trim().split('\n'), [
      `created dashboard "Connection pool" (id ${ids[0]})`,
      `created dashboard "N+1 queries" (id ${ids[1]})`,
      `created alert rule "Pool wait above 200 ms" (id ${ids[2]})`,
      `created alert rule "Gateway p95 above 1 s" (id ${ids[3]})`,
    ]);
    assert.equal(first.stderr, '');

    sentry.requests.length = 0;
    const second = await run([`--definitions=${fixture.dir}`], env);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(second.stdout.trim().split('\n'), [
      `updated dashboard "Connection pool" (id ${ids[0]})`,
      `updated dashboard "N+1 queries" (id ${ids[1]})`,
      `updated alert rule "Pool wait above 200 ms" (id ${ids[2]})`,
      `updated alert rule "Gateway p95 above 1 s" (id ${ids[3]})`,
    ]);
    assert.deepEqual(
      sentry.writes().map((request) => request.method),
      ['PUT', 'PUT', 'PUT', 'PUT'],
    );
    assert.equal(sentry.dashboards.size + sentry.alertRules.size, 4);
  });

  test('--dry-run sends no POST or PUT and says what it would send', TIMEOUT, async () => {
    const result = await run(['--dry-run', '--definitions', fixture.dir], env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(sentry.writes(), []);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines[0], `dry run: sending no POST or PUT to ${sentry.url}`);
    assert.equal(lines.length, 5);
    assert.match(
      lines[1]!,
      /^would create dashboard "Connection pool": POST \/api\/0\/organizations\/acme\/dashboards\/ with title "Connection pool", 1 widget$/,
    );
  });

  test('a missing token is bad usage: exit 2, the variable named, nothing sent', TIMEOUT, async () => {
    const { SENTRY_AUTH_TOKEN: _token, ...withoutToken } = env;
    const result = await run(['--definitions', fixture.dir], withoutToken);
    assertOneLineError(
      result,
      2,
      /SENTRY_AUTH_TOKEN is not set: expected a Sentry auth token with the scopes org:read, project:read and alerts:write/,
    );
    assert.deepEqual(sentry.requests, []);
  });

  test('a missing organization or project, a malformed SENTRY_URL and an unknown flag are bad usage too', TIMEOUT, async () => {
    const { SENTRY_ORG: _org, ...withoutOrg } = env;
    assertOneLineError(await run([], withoutOrg), 2, /SENTRY_ORG is not set/);
    const { SENTRY_PROJECT: _project, ...withoutProject } = env;
    assertOneLineError(await run([], withoutProject), 2, /SENTRY_PROJECT is not set/);
    assertOneLineError(
      await run([], { ...env, SENTRY_URL: 'sentry.example.com' }),
      2,
      /SENTRY_URL=sentry\.example\.com: expected Sentry's address/,
    );
    assertOneLineError(await run(['--apply-now'], env), 2, /unknown argument "--apply-now"/);
    assert.deepEqual(sentry.requests, []);
  });

  test('a rejected token (401) says it is invalid or expired', TIMEOUT, async () => {
    const result = await run(['--definitions', fixture.dir], { ...env, SENTRY_AUTH_TOKEN: 'expired-token' });
    assertOneLineError(
      result,
      1,
      /Sentry answered 401 to GET \/api\/0\/projects\/acme\/trace-arcade\/: SENTRY_AUTH_TOKEN is invalid or expired \(Sentry: Invalid token\); create a token with the scopes org:read, project:read and alerts:write/,
    );
  });

  test('a token without the scopes (403) names the scopes it needs', TIMEOUT, async () => {
    sentry.intercept = (request) =>
      request.method === 'POST' ? { status: 403, body: { detail: 'You do not have permission to perform this action.' } } : undefined;
    const result = await run(['--definitions', fixture.dir], env);
    assertOneLineError(
      result,
      1,
      /dashboards\/connection-pool\.json: create dashboard "Connection pool": Sentry answered 403 to POST \/api\/0\/organizations\/acme\/dashboards\/: SENTRY_AUTH_TOKEN lacks a scope; it needs org:read, project:read and alerts:write .*\(Sentry: You do not have permission/,
    );
  });

  test('an unknown project says so', TIMEOUT, async () => {
    const result = await run(['--definitions', fixture.dir], { ...env, SENTRY_PROJECT: 'no-such-project' });
    assertOneLineError(
      result,
      1,
      /SENTRY_PROJECT=no-such-project: expected a project of organization "acme"; GET \/api\/0\/projects\/acme\/no-such-project\/ answered 404/,
    );
    assert.deepEqual(sentry.writes(), []);
  });

  test("Sentry's 400 shows its validation detail and the file it was for", TIMEOUT, async () => {
    sentry.intercept = (request) =>
      request.method === 'POST' && request.path.endsWith('/dashboards/')
        ? { status: 400, body: { widgets: { 0: { queries: { 0: { conditions: ['Invalid conditions: span.op:db AND'] } } } } } }
        : undefined;
    const result = await run(['--definitions', fixture.dir], env);
    assertOneLineError(
      result,
      1,
      /connection-pool\.json: create dashboard "Connection pool": Sentry rejected POST \/api\/0\/organizations\/acme\/dashboards\/ with 400 \(Sentry: widgets\.0\.queries\.0\.conditions: Invalid conditions: span\.op:db AND\)/,
    );
  });

  test('an unreachable server is named, with the reason', TIMEOUT, async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await run(['--definitions', fixture.dir], { ...env, SENTRY_URL: `http://127.0.0.1:${port}` });
    assertOneLineError(
      result,
      1,
      new RegExp(`cannot reach Sentry at http://127\\.0\\.0\\.1:${port} \\(GET\\): ECONNREFUSED; check SENTRY_URL and the network`),
    );
  });

  test('a definitions folder that does not exist fails with its path', TIMEOUT, async () => {
    const result = await run(['--definitions', '/nonexistent/sentry'], env);
    assertOneLineError(result, 1, /\/nonexistent\/sentry: expected a definitions folder/);
  });

  test('--help prints the usage and exits 0', TIMEOUT, async () => {
    const result = await run(['--help'], {});
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^usage: npm run dashboards:apply -- \[--dry-run\] \[--definitions <dir>\]/);
  });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SENTRY_URL, parseApplyArgs, readApplyConfig, UsageError } from './apply-config.js';
import { DEFAULT_DEFINITIONS_DIR } from './load-definitions.js';

const TIMEOUT = { timeout: 5_000 };
const VALID = { SENTRY_AUTH_TOKEN: 'sntryu_abc', SENTRY_ORG: 'acme', SENTRY_PROJECT: 'trace-arcade' };

test('the environment read once: token, organization, project, and Sentry at sentry.io by default', TIMEOUT, () => {
  const config = readApplyConfig(VALID);
  assert.deepEqual(
    { ...config, sentryUrl: config.sentryUrl.href },
    { token: 'sntryu_abc', org: 'acme', project: 'trace-arcade', sentryUrl: `${DEFAULT_SENTRY_URL}/` },
  );
  assert.equal(readApplyConfig({ ...VALID, SENTRY_URL: 'http://127.0.0.1:9000/sentry' }).sentryUrl.href, 'http://127.0.0.1:9000/sentry');
});

test('each missing variable is named, with what it should hold', TIMEOUT, () => {
  for (const [name, expected] of [
    [
      'SENTRY_AUTH_TOKEN',
      /SENTRY_AUTH_TOKEN is not set: expected a Sentry auth token with the scopes org:read, project:read and alerts:write/,
    ],
    ['SENTRY_ORG', /SENTRY_ORG is not set: expected the organization's slug/],
    ['SENTRY_PROJECT', /SENTRY_PROJECT is not set: expected the project's slug/],
  ] as const) {
    assert.throws(
      () => readApplyConfig({ ...VALID, [name]: '  ' }),
      (error: unknown) => error instanceof UsageError && expected.test(error.message),
    );
  }
});

test('slugs and SENTRY_URL are checked, and the message says what was expected and what arrived', TIMEOUT, () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ SENTRY_ORG: 'Acme Corp' }, /SENTRY_ORG=Acme Corp: expected the organization's slug \(lowercase letters, digits, - and _\)/],
    [{ SENTRY_PROJECT: '../x' }, /SENTRY_PROJECT=\.\.\/x: expected the project's slug/],
    [
      { SENTRY_URL: 'sentry.io' },
      /SENTRY_URL=sentry\.io: expected Sentry's address, an http\(s\) URL such as https:\/\/sentry\.io; got no URL/,
    ],
    [{ SENTRY_URL: 'ftp://sentry.example' }, /got a ftp: URL/],
    [{ SENTRY_URL: 'https://user:pw@sentry.example' }, /without credentials/],
    [{ SENTRY_URL: 'https://sentry.example/?org=1' }, /without a query or fragment/],
    [{ SENTRY_URL: 'https://sentry.io/api/0/' }, /without \/api\/0 \(the command adds it\)/],
  ];
  for (const [overrides, expected] of cases) {
    assert.throws(
      () => readApplyConfig({ ...VALID, ...overrides }),
      (error: unknown) => error instanceof UsageError && expected.test(error.message),
    );
  }
});

test(
  'flags: --dry-run, --definitions <dir> or =dir (resolved from the working directory), --help; anything else is refused',
  TIMEOUT,
  () => {
    assert.deepEqual(parseApplyArgs([]), { dryRun: false, definitionsDir: DEFAULT_DEFINITIONS_DIR, help: false });
    assert.deepEqual(parseApplyArgs(['--dry-run', '--definitions', 'defs'], '/work'), {
      dryRun: true,
      definitionsDir: path.resolve('/work', 'defs'),
      help: false,
    });
    assert.equal(parseApplyArgs(['--definitions=/abs/defs']).definitionsDir, '/abs/defs');
    assert.equal(parseApplyArgs(['--help']).help, true);
    assert.throws(() => parseApplyArgs(['--definitions']), /--definitions: expected a folder; got nothing/);
    assert.throws(() => parseApplyArgs(['--definitions', '--dry-run']), /--definitions: expected a folder; got --dry-run/);
    assert.throws(() => parseApplyArgs(['--force']), /unknown argument "--force": expected --dry-run, --definitions <dir> or --help/);
  },
);

test("the default definitions folder is the repository's sentry/", TIMEOUT, () => {
  assert.equal(DEFAULT_DEFINITIONS_DIR, path.resolve(import.meta.dirname, '..', '..', '..', 'sentry') + path.sep);
});

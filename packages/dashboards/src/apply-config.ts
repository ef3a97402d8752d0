/**
 * The apply command's configuration, read once from its arguments and environment and validated:
 * SENTRY_AUTH_TOKEN, SENTRY_ORG, SENTRY_PROJECT and SENTRY_URL (default https://sentry.io), and the
 * flags --dry-run and --definitions <dir>.
 */
import path from 'node:path';
import { DEFAULT_DEFINITIONS_DIR } from './load-definitions.js';

export const DEFAULT_SENTRY_URL = 'https://sentry.io';

export const USAGE = `usage: npm run dashboards:apply -- [--dry-run] [--definitions <dir>]

Creates or updates the Sentry dashboards (<dir>/dashboards/*.json) and metric alert rules
(<dir>/alerts/*.json) of SENTRY_ORG, matched by title and name; alert rules go to SENTRY_PROJECT.

  --dry-run            send no POST or PUT; print the requests that would be sent
  --definitions <dir>  the definitions folder (default: the repository's sentry/)

environment: SENTRY_AUTH_TOKEN (scopes org:read, project:read, alerts:write), SENTRY_ORG,
SENTRY_PROJECT, SENTRY_URL (default ${DEFAULT_SENTRY_URL})`;

/** Bad flags or environment: the command exits 2 with this message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ApplyArgs {
  dryRun: boolean;
  definitionsDir: string;
  help: boolean;
}

export interface ApplyConfig {
  token: string;
  org: string;
  project: string;
  /** Sentry's address; a self-hosted one may have a path prefix. */
  sentryUrl: URL;
}

export function parseApplyArgs(argv: readonly string[], cwd = process.cwd()): ApplyArgs {
  const args: ApplyArgs = { dryRun: false, definitionsDir: DEFAULT_DEFINITIONS_DIR, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--definitions' || arg.startsWith('--definitions=')) {
      const value = arg === '--definitions' ? argv[(index += 1)] : arg.slice('--definitions='.length);
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new UsageError(`--definitions: expected a folder; got ${value === undefined || value === '' ? 'nothing' : value}`);
      }
      args.definitionsDir = path.resolve(cwd, value);
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}: expected --dry-run, --definitions <dir> or --help`);
    }
  }
  return args;
}

/** Sentry's slugs: lowercase letters, digits, - and _ (a numeric organization id passes too). */
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

function required(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new UsageError(`${name} is not set: expected ${what}`);
  return value;
}

function slug(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = required(env, name, what);
  if (!SLUG.test(value)) throw new UsageError(`${name}=${value}: expected ${what} (lowercase letters, digits, - and _)`);
  return value;
}

function sentryUrl(env: NodeJS.ProcessEnv): URL {
  const text = env['SENTRY_URL']?.trim() || DEFAULT_SENTRY_URL;
  const expected = `expected Sentry's address, an http(s) URL such as ${DEFAULT_SENTRY_URL}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`SENTRY_URL=${text}: ${expected}; got no URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`SENTRY_URL=${text}: ${expected}; got a ${url.protocol} URL`);
  if (url.username || url.password)
    throw new UsageError(`SENTRY_URL: ${expected} without credentials (the token goes in SENTRY_AUTH_TOKEN)`);
  if (url.search || url.hash) throw new UsageError(`SENTRY_URL=${text}: ${expected}, without a query or fragment`);
  if (/\/api\/0\/?$/.test(url.pathname)) throw new UsageError(`SENTRY_URL=${text}: ${expected}, without /api/0 (the command adds it)`);
  return url;
}

export function readApplyConfig(env: NodeJS.ProcessEnv = process.env): ApplyConfig {
  return {
    token: required(env, 'SENTRY_AUTH_TOKEN', 'a Sentry auth token with the scopes org:read, project:read and alerts:write'),
    org: slug(env, 'SENTRY_ORG', "the organization's slug"),
    project: slug(env, 'SENTRY_PROJECT', "the project's slug"),
    sentryUrl: sentryUrl(env),
  };
}

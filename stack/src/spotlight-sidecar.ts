/**
 * Runs the Spotlight sidecar (UI and `/stream` on one port) from the package's API.
 * The package's CLI entry would load an instrumentation file that reports the tool's own
 * telemetry to an outside address; this starts the same server without it.
 *
 * Its UI does the same from the browser: `assets/instrumentation.js` initialises Sentry's browser
 * SDK with Spotlight's own DSN (its ingest host on sentry.io), always on, with no switch (no query
 * parameter, storage flag or server option). The files are served from memory, so that module is
 * served as a no-op there, and the page's Content-Security-Policy no longer allows sentry.io; the
 * package's files on disk are left as they are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { setupSpotlight } from '@spotlightjs/spotlight';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`spotlight-sidecar: expected a port number argument; got ${JSON.stringify(process.argv[2])}`);
  process.exit(2);
}

// The package's entry is dist/server/main.js; its UI build sits in dist/ui.
const uiDir = path.join(path.dirname(fileURLToPath(import.meta.resolve('@spotlightjs/spotlight'))), '..', 'ui');
const manifest = JSON.parse(readFileSync(path.join(uiDir, 'manifest.json'), 'utf8')) as Record<string, { file?: unknown }>;
const filesToServe = Object.create(null) as Record<string, Buffer>;
filesToServe['index.html'] = readFileSync(path.join(uiDir, 'index.html'));
for (const entry of Object.values(manifest)) {
  if (typeof entry?.file === 'string') filesToServe[entry.file] = readFileSync(path.join(uiDir, entry.file));
}

// The UI's own telemetry: `main.js` imports this module and calls its default export before the app.
const UI_INSTRUMENTATION = 'assets/instrumentation.js';
if (!filesToServe[UI_INSTRUMENTATION]) {
  console.warn(
    `spotlight-sidecar: Spotlight's UI build has no ${UI_INSTRUMENTATION} any more; only the page's Content-Security-Policy keeps its telemetry in`,
  );
}
filesToServe[UI_INSTRUMENTATION] = Buffer.from(
  "// Trace Arcade serves this instead of Spotlight's UI instrumentation: nothing leaves the machine.\n" +
    'export default function init() {}\nexport function getIntegrations() { return []; }\n',
);
const SENTRY_HOSTS = / https:\/\/\*\.sentry\.io/g;
filesToServe['index.html'] = Buffer.from(filesToServe['index.html'].toString('utf8').replace(SENTRY_HOSTS, ''));

await setupSpotlight({ port, filesToServe, isStandalone: true });
console.log(`spotlight listening on http://localhost:${port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));

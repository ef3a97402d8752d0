/**
 * Runs the Spotlight sidecar (UI and `/stream` on one port) from the package's API.
 * The package's CLI entry would load an instrumentation file that reports the tool's own
 * telemetry to an outside address; this starts the same server without it.
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
const filesToServe: Record<string, Buffer> = Object.create(null);
filesToServe['index.html'] = readFileSync(path.join(uiDir, 'index.html'));
for (const entry of Object.values(manifest)) {
  if (typeof entry?.file === 'string') filesToServe[entry.file] = readFileSync(path.join(uiDir, entry.file));
}

await setupSpotlight({ port, filesToServe, isStandalone: true });
console.log(`spotlight listening on http://localhost:${port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));

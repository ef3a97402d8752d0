/// <reference types="vitest/config" />
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
// Compiled by the root `tsc --build` (npm start and npm run build run it first).
import { loadPanelRuntimeConfig } from './server/dist/runtime-config.js';

/** Serves `/config.json` in the dev server from the same loader as the production server. */
function runtimeConfig(): Plugin {
  return {
    name: 'trace-arcade-runtime-config',
    configureServer(server) {
      const body = JSON.stringify(loadPanelRuntimeConfig());
      server.middlewares.use('/config.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(body);
      });
    },
  };
}

const DOCS_DIR = path.resolve(import.meta.dirname, '../docs');

/**
 * The scenario pages the cards link to (`/docs/scenarios/<name>.md`), as plain text: served from
 * the repository's docs/ by the dev server and copied into the build.
 */
function scenarioDocs(): Plugin {
  return {
    name: 'trace-arcade-scenario-docs',
    configureServer(server) {
      server.middlewares.use('/docs', (req, res, next) => {
        const file = path.join(DOCS_DIR, decodeURIComponent((req.url ?? '').split('?')[0]!));
        if (!file.startsWith(DOCS_DIR + path.sep) || !file.endsWith('.md') || !existsSync(file)) return next();
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const name of readdirSync(path.join(DOCS_DIR, 'scenarios')).filter((file) => file.endsWith('.md'))) {
        this.emitFile({ type: 'asset', fileName: `docs/scenarios/${name}`, source: readFileSync(path.join(DOCS_DIR, 'scenarios', name)) });
      }
    },
  };
}

function webPort(): number {
  const text = process.env['WEB_PORT'] ?? '5173';
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`WEB_PORT: expected a port from 1 to 65535; got ${JSON.stringify(text)}`);
  return port;
}

export default defineConfig(({ command }) => ({
  plugins: [react(), scenarioDocs(), ...(command === 'serve' ? [runtimeConfig()] : [])],
  server: { host: process.env['WEB_HOST'] ?? 'localhost', port: webPort(), strictPort: true },
  preview: { port: webPort(), strictPort: true },
  build: { outDir: 'dist', sourcemap: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
  },
}));

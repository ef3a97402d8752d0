/// <reference types="vitest/config" />
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
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

/**
 * `/health/live` and `/health/ready` in the dev server, as the production server answers them, so
 * that the probes of the dev image (`skaffold dev`) check the server rather than get index.html.
 */
function health(): Plugin {
  const indexHtml = path.resolve(import.meta.dirname, 'index.html');
  return {
    name: 'trace-arcade-health',
    configureServer(server) {
      server.middlewares.use('/health', (req, res, next) => {
        const route = (req.url ?? '').split('?')[0];
        if (route !== '/live' && route !== '/ready') return next();
        const answer = (status: number, body: Record<string, unknown>) => {
          res.statusCode = status;
          res.setHeader('content-type', 'application/json');
          res.setHeader('cache-control', 'no-store');
          res.end(JSON.stringify({ ...body, service: 'web' }));
        };
        if (route === '/live') return answer(200, { status: 'live' });
        access(indexHtml).then(
          () => answer(200, { status: 'ready', dependencies: { 'index.html': 'ok' } }),
          (error: unknown) => answer(503, { status: 'not ready', dependencies: { 'index.html': String(error) } }),
        );
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

/**
 * WEB_ALLOWED_HOSTS: host names besides localhost that the dev server answers (comma-separated); in
 * the cluster, its Service's names, which `helm test` and the probes of other pods use.
 */
function allowedHosts(): string[] | undefined {
  const text = process.env['WEB_ALLOWED_HOSTS'];
  if (text === undefined || text === '') return undefined;
  const hosts = text.split(',').map((host) => host.trim());
  const bad = hosts.find((host) => !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host));
  if (bad !== undefined)
    throw new Error(`WEB_ALLOWED_HOSTS: expected comma-separated host names; got ${JSON.stringify(bad)} in ${JSON.stringify(text)}`);
  return hosts;
}

export default defineConfig(({ command }) => ({
  plugins: [react(), scenarioDocs(), ...(command === 'serve' ? [runtimeConfig(), health()] : [])],
  server: { host: process.env['WEB_HOST'] ?? 'localhost', port: webPort(), strictPort: true, allowedHosts: allowedHosts() },
  preview: { port: webPort(), strictPort: true },
  build: { outDir: 'dist', sourcemap: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
  },
}));

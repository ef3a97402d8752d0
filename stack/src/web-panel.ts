/**
 * The debug panel in `npm start`: Vite's dev server (hot reload) for `web/`, which serves the
 * panel's `/config.json` from the environment given here.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';
import type { ProcessSpec } from './processes.js';

export interface WebPanelOptions {
  port: number;
  /** The gateway as the browser reaches it. */
  gatewayUrl: string;
  /** The Spotlight UI as the browser reaches it, when Spotlight runs. */
  spotlightUrl: string | undefined;
  /** The browser SDK's DSN: the Spotlight sidecar's, or the Sentry project's. */
  sentryDsn: string | undefined;
  sentryOrgUrl: string | undefined;
}

const webDir = path.join(REPO_ROOT, 'web');

/** Vite's command-line entry, resolved from the web workspace. */
function viteBin(): string {
  const require = createRequire(path.join(webDir, 'package.json'));
  return path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
}

/** The panel's origins as a browser sends them, for the gateway's CORS. */
export function webPanelOrigins(port: number): string {
  return `http://localhost:${port},http://127.0.0.1:${port}`;
}

export function webPanelProcess(options: WebPanelOptions): ProcessSpec {
  return {
    name: 'web',
    command: process.execPath,
    // The stack has checked its ports already (ports.ts): Vite's own lock, one dev server per checkout, would refuse a
    // second stack on ports and a DATA_DIR of its own (the e2e tests run them side by side).
    args: [viteBin(), '--bypass-lock'],
    cwd: webDir,
    env: {
      ...process.env,
      WEB_PORT: String(options.port),
      WEB_HOST: '127.0.0.1',
      PANEL_GATEWAY_URL: options.gatewayUrl,
      PANEL_SPOTLIGHT_URL: options.spotlightUrl ?? '',
      PANEL_SENTRY_DSN: options.sentryDsn ?? '',
      PANEL_SENTRY_ORG_URL: options.sentryOrgUrl ?? '',
    },
  };
}

import { access } from 'node:fs/promises';
import path from 'node:path';
import { startHttpService, type Logger, type RunningService } from '@trace-arcade/service-runtime';
import { panelRoutes } from './panel-routes.js';
import type { PanelRuntimeConfig } from './runtime-config.js';

export interface WebServerOptions {
  host: string;
  port: number;
  log: Logger;
  /** The folder `npm run build -w web` wrote (index.html and assets/). */
  staticDir: string;
  runtimeConfig: PanelRuntimeConfig;
}

/** Starts the production web server of the panel: static files, `/config.json`, `/health/live` and `/health/ready`. */
export async function startWebServer({ host, port, log, staticDir, runtimeConfig }: WebServerOptions): Promise<RunningService> {
  const indexHtml = path.join(staticDir, 'index.html');
  const hasPage = () => access(indexHtml);
  // An image without the panel's build is a broken image: say so at start-up, not on the first request.
  await hasPage().catch(() => {
    throw new Error(`expected the panel's build at ${indexHtml} (npm run build -w web); found nothing`);
  });
  return startHttpService({
    name: 'web',
    host,
    port,
    log,
    readiness: { 'index.html': hasPage },
    routes: panelRoutes({ staticDir, runtimeConfig }),
  });
}

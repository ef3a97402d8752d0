/**
 * The panel's production web server (the `web` image): `node dist/main.js` from web/server,
 * after `npm run build -w web` wrote the panel to web/dist.
 */
import { fileURLToPath } from 'node:url';
import { createLogger, runService } from '@trace-arcade/service-runtime';
import { loadWebServerConfig } from './config.js';
import { loadPanelRuntimeConfig } from './runtime-config.js';
import { startWebServer } from './web-server.js';

/** web/dist, from web/server/dist/main.js. */
const STATIC_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

const log = createLogger('web');

runService('web', async () => {
  const config = loadWebServerConfig();
  // Read once: every /config.json answer is this object.
  const runtimeConfig = loadPanelRuntimeConfig();
  return startWebServer({ host: config.HOST, port: config.PORT, log, staticDir: STATIC_DIR, runtimeConfig });
});

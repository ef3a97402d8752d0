import { loadConfig, portVariable } from '@trace-arcade/service-runtime';
import { z } from 'zod';

/**
 * The web server's own settings, read and validated once at start-up. What the panel itself
 * needs (the gateway's URL as the browser reaches it, ...) is in runtime-config.ts.
 */
export function loadWebServerConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      // The image sets 0.0.0.0; on a workstation the panel stays on loopback.
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: portVariable(8080),
    }),
    env,
  );
}

export type WebServerConfig = ReturnType<typeof loadWebServerConfig>;

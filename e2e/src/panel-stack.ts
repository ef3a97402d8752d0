import {
  freePort,
  ProcessGroup,
  spotlightDsn,
  spotlightProcess,
  waitForHttpOk,
  webPanelOrigins,
  webPanelProcess,
} from '@trace-arcade/stack';
import { startTestStack, type TestStack } from './test-stack.js';

export interface PanelStack {
  stack: TestStack;
  panelUrl: string;
  spotlightUrl: string;
  stop(): Promise<void>;
}

/**
 * The whole stack as `npm start` runs it, for a browser: the services send their traces to a
 * Spotlight sidecar, and the panel (Vite dev server) talks to the gateway and to Spotlight.
 */
export async function startPanelStack(env: NodeJS.ProcessEnv = {}): Promise<PanelStack> {
  const [spotlightPort, webPort] = [await freePort(), await freePort()];
  const spotlightUrl = `http://localhost:${spotlightPort}`;
  const lines: string[] = [];
  const helpers = new ProcessGroup(
    (name, line) => lines.push(`[${name}] ${line}`),
    (name, code) => lines.push(`[${name}] exited with code ${code}`),
  );
  helpers.start(spotlightProcess(spotlightPort));
  await waitForHttpOk(`http://127.0.0.1:${spotlightPort}/health`, 30_000).catch((error: unknown) => {
    throw new Error(`Spotlight did not start: ${(error as Error).message}\n${lines.join('\n')}`);
  });
  const dsn = spotlightDsn(spotlightPort);
  // 20,000 rounds, as the scenario tests: on a small data set slow-aggregation's repeated MongoDB commands take less
  // than the 50 ms Sentry's N+1 detector wants on a fast machine.
  const stack = await startTestStack({ env: { SENTRY_DSN: dsn, CORS_ORIGINS: webPanelOrigins(webPort), ...env }, rounds: 20_000 });
  helpers.start(
    webPanelProcess({
      port: webPort,
      gatewayUrl: `http://localhost:${stack.ports.gateway}`,
      spotlightUrl,
      sentryDsn: dsn,
      sentryOrgUrl: undefined,
    }),
  );
  await waitForHttpOk(`http://127.0.0.1:${webPort}/config.json`, 30_000).catch((error: unknown) => {
    throw new Error(`the panel did not start: ${(error as Error).message}\n${lines.join('\n')}`);
  });
  return {
    stack,
    panelUrl: `http://localhost:${webPort}`,
    spotlightUrl,
    async stop() {
      await stack.stop();
      await helpers.stopAll();
    },
  };
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePort } from './ports.js';
import { ProcessGroup } from './processes.js';
import { waitForHttpOk } from './readiness.js';
import { webPanelProcess } from './web-panel.js';

test('two stacks of one checkout each serve their panel: the second dev server is not refused', { timeout: 120_000 }, async () => {
  const lines: string[] = [];
  const group = new ProcessGroup(
    (name, line) => lines.push(`[${name}] ${line}`),
    () => undefined,
  );
  try {
    const ports = [await freePort(), await freePort()];
    ports.forEach((port, index) => {
      const spec = webPanelProcess({
        port,
        gatewayUrl: 'http://127.0.0.1:4000',
        spotlightUrl: undefined,
        sentryDsn: undefined,
        sentryOrgUrl: undefined,
      });
      group.start({ ...spec, name: `web-${index}` });
    });
    for (const port of ports) {
      await waitForHttpOk(`http://127.0.0.1:${port}/config.json`, 60_000, () =>
        lines.some((line) => line.includes('Error')) ? lines.join('\n') : undefined,
      );
    }
  } finally {
    await group.stopAll();
  }
});

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
    // Each panel is told a gateway of its own, to tell which one answered.
    const gatewayOf = (port: number) => `http://127.0.0.1:${port + 1}`;
    ports.forEach((port, index) => {
      const spec = webPanelProcess({
        port,
        gatewayUrl: gatewayOf(port),
        spotlightUrl: undefined,
        sentryDsn: undefined,
        sentryOrgUrl: undefined,
      });
      group.start({ ...spec, name: `web-${index}` });
    });
    for (const port of ports) {
      const config = await waitForHttpOk(`http://127.0.0.1:${port}/config.json`, 60_000, () =>
        lines.some((line) => line.includes('Error')) ? lines.join('\n') : undefined,
      );
      assert.equal((config as { gatewayUrl?: string }).gatewayUrl, gatewayOf(port), `the panel on port ${port} serves its own config`);
    }
  } finally {
    await group.stopAll();
  }
});

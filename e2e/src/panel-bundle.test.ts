/**
 * `npm run build` of the panel: static files only (index.html, assets, the scenario docs), and
 * the production JavaScript within its budget of 250 KB gzipped.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { SCENARIOS } from '@trace-arcade/scenarios';
import { REPO_ROOT } from '@trace-arcade/stack';

const JS_BUDGET_BYTES = 250 * 1024;
const webDir = path.join(REPO_ROOT, 'web');

test('the panel builds to static files whose JavaScript is at most 250 KB gzipped', async () => {
  const outDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-web-build-'));
  try {
    const vite = path.join(path.dirname(createRequire(path.join(webDir, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
    await promisify(execFile)(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: webDir });
    const index = await readFile(path.join(outDir, 'index.html'), 'utf8');
    assert.match(index, /<script type="module" crossorigin src="\/assets\/[^"]+\.js">/);
    const scripts = (await readdir(path.join(outDir, 'assets'))).filter((file) => file.endsWith('.js'));
    assert.ok(scripts.length > 0);
    let gzipped = 0;
    for (const file of scripts) gzipped += gzipSync(await readFile(path.join(outDir, 'assets', file))).length;
    console.log(
      `panel JavaScript: ${scripts.length} files, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${JS_BUDGET_BYTES / 1024} KB)`,
    );
    assert.ok(gzipped <= JS_BUDGET_BYTES, `${(gzipped / 1024).toFixed(1)} KB gzipped; the budget is ${JS_BUDGET_BYTES / 1024} KB`);
    for (const scenario of SCENARIOS) {
      assert.equal(await readFile(path.join(outDir, scenario.docs), 'utf8'), await readFile(path.join(REPO_ROOT, scenario.docs), 'utf8'));
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sha256, workshopSources } from './workshop-sources.js';

test('workshopSources hashes the .ts files of src/workshop beside the main script, and is empty without them', () => {
  const service = mkdtempSync(path.join(tmpdir(), 'workshop-sources-'));
  mkdirSync(path.join(service, 'dist'));
  assert.deepEqual(workshopSources(path.join(service, 'dist', 'main.js')), {});
  mkdirSync(path.join(service, 'src', 'workshop'), { recursive: true });
  writeFileSync(path.join(service, 'src', 'workshop', 'cpu-rng.ts'), 'export const x = 1;\n');
  writeFileSync(path.join(service, 'src', 'workshop', 'notes.md'), 'not code');
  assert.deepEqual(workshopSources(path.join(service, 'dist', 'main.js')), { 'cpu-rng.ts': sha256('export const x = 1;\n') });
});

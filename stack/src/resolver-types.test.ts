import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { REPO_ROOT, repoPath } from './paths.js';

const GENERATED = ['users', 'game', 'analytics'].map((service) => `subgraphs/${service}/src/generated/resolvers-types.ts`);

test('the committed resolver types match each subgraph schema.graphql (run `npm run codegen` if not)', async () => {
  const { config } = await loadCodegenConfig({ configFilePath: repoPath('codegen.yml') });
  // Generated in memory, nothing written: the same config and plugins as `npm run codegen`.
  // `generate` is typed `| any` for its watch mode; without it, it resolves to the outputs.
  const outputs = (await generate({ ...config, cwd: REPO_ROOT, silent: true }, false)) as { filename: string; content: string }[];
  assert.deepEqual(outputs.map((output) => output.filename).sort(), [...GENERATED].sort(), 'one file per subgraph');
  for (const output of outputs) {
    const committed = readFileSync(repoPath(output.filename), 'utf8');
    assert.ok(committed === output.content, `${output.filename} is stale: run \`npm run codegen\` and commit the result`);
  }
});

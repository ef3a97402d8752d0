import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { execForm, flag, instructions, npmCiWorkspaces, stageEnv, type Stage } from './dockerfile.js';
import { builtImages, type BuiltImage } from './images.js';
import { repoPath } from './repo.js';
import { buildClosure, loadWorkspaces, runtimeClosure } from './workspaces.js';

const BASE_IMAGES = ['node:22-bookworm-slim', 'node:22-alpine'];
const SERVICE_CMD = ['node', '--import', './dist/instrument.js', 'dist/main.js'];

const workspaces = loadWorkspaces();
const images = builtImages();
const workspaceOf = (image: BuiltImage) => [...workspaces.values()].find((workspace) => workspace.dir === image.workspaceDir)!;
/** Our services load Sentry's instrumentation first; the tools (Spotlight, the load generator) do not. */
const isService = (image: BuiltImage) => existsSync(repoPath(image.workspaceDir, 'src', 'instrument.ts'));
const runArgs = (stage: Stage) => instructions(stage, 'RUN').map((instruction) => instruction.args);
const copies = (stage: Stage) =>
  instructions(stage, 'COPY').map(
    (instruction) => `${flag(instruction, 'from') ? `--from=${flag(instruction, 'from')} ` : ''}${instruction.args}`,
  );

test('every image is built', () => {
  assert.ok(images.length >= 7, `skaffold.yaml lists ${images.length} artifacts`);
  for (const image of images) assert.ok(workspaceOf(image), `${image.dockerfile}: runs ${image.workspaceDir}, which is no workspace`);
});

for (const image of images) {
  const { dockerfile, stages, runtime } = image;

  test(`${dockerfile}: multi-stage from ${BASE_IMAGES[0]}, the production image last`, () => {
    assert.ok(stages.length >= 2, 'several stages');
    assert.equal(stages[0]!.name, 'build');
    const names = new Set<string>();
    for (const stage of stages) {
      assert.ok(BASE_IMAGES.includes(stage.from) || names.has(stage.from), `FROM ${stage.from}`);
      if (stage.name) names.add(stage.name);
    }
    assert.ok(BASE_IMAGES.includes(runtime.from), 'the runtime stage starts from the base image, not from the build');
    assert.match(readFileSync(repoPath(dockerfile), 'utf8'), /^# syntax=docker\/dockerfile:1\n/, 'BuildKit syntax line (cache mounts)');
  });

  test(`${dockerfile}: the build stage installs and compiles exactly what tsc --build needs`, () => {
    const build = stages[0]!;
    const needed = buildClosure(workspaces, workspaceOf(image).name);
    const [install, ...more] = npmCiWorkspaces(build);
    assert.deepEqual(more, [], 'one npm ci');
    assert.deepEqual([...install!].sort(), needed.map((workspace) => workspace.name).sort(), 'npm ci --workspace flags');
    assert.ok(
      runArgs(build).some((args) => /\bnpm ci\b.*--include-workspace-root/.test(args)),
      'npm ci with the root (typescript)',
    );
    assert.ok(runArgs(build).includes(`node_modules/.bin/tsc --build ${image.workspaceDir}`), 'tsc --build of the workspace');
    const copied = copies(build);
    assert.ok(copied.includes('package.json package-lock.json tsconfig.base.json ./'), 'root manifests and the lockfile');
    for (const workspace of needed) {
      assert.ok(copied.includes(`${workspace.dir}/package.json ${workspace.dir}/`), `${workspace.dir}/package.json before npm ci`);
      assert.ok(copied.includes(`${workspace.dir} ${workspace.dir}`), `${workspace.dir} sources`);
    }
  });

  test(`${dockerfile}: the runtime stage installs production dependencies only and runs as a non-root user`, () => {
    const needed = runtimeClosure(workspaces, workspaceOf(image).name);
    const [install, ...more] = npmCiWorkspaces(runtime);
    assert.deepEqual(more, []);
    assert.deepEqual([...install!].sort(), needed.map((workspace) => workspace.name).sort(), 'npm ci --workspace flags');
    assert.ok(
      runArgs(runtime).every((args) => /^npm ci --omit=dev\b/.test(args)),
      'nothing but npm ci --omit=dev runs in the runtime stage',
    );
    const copied = copies(runtime);
    assert.ok(copied.includes('--from=build /repo/package.json /repo/package-lock.json ./'));
    for (const workspace of needed) {
      assert.ok(copied.includes(`--from=build /repo/${workspace.dir}/package.json ${workspace.dir}/`), `${workspace.dir}/package.json`);
      assert.ok(copied.includes(`--from=build /repo/${workspace.dir}/dist ${workspace.dir}/dist`), `${workspace.dir}/dist`);
    }
    for (const file of ['schema.graphql', 'supergraph.graphql']) {
      if (existsSync(repoPath(image.workspaceDir, file))) {
        assert.ok(copied.includes(`--from=build /repo/${image.workspaceDir}/${file} ${image.workspaceDir}/`), `${file}, read at run time`);
      }
    }
    const user = instructions(runtime, 'USER').at(-1)?.args ?? '';
    assert.match(user, /^[1-9][0-9]*(:[0-9]+)?$/, 'a numeric non-root USER, so that runAsNonRoot can be verified');
  });

  test(`${dockerfile}: exec-form start command${isService(image) ? ' with Sentry loaded first, and a dev target' : ''}`, () => {
    const command = [...instructions(runtime, 'ENTRYPOINT'), ...instructions(runtime, 'CMD')];
    assert.ok(command.length > 0 && command.every((instruction) => execForm(instruction)), 'CMD/ENTRYPOINT in exec form');
    if (!isService(image)) return;
    assert.deepEqual(execForm(instructions(runtime, 'CMD').at(-1)!), SERVICE_CMD);
    assert.equal(stageEnv(runtime)['HOST'], '0.0.0.0', 'HOST=0.0.0.0: reachable from outside the container');
    const dev = stages.find((stage) => stage.name === 'dev');
    assert.ok(dev, 'a dev stage for skaffold file sync');
    assert.equal(dev.from, 'build');
    assert.match(instructions(dev, 'USER').at(-1)?.args ?? '', /^[1-9][0-9]*(:[0-9]+)?$/);
    assert.equal(instructions(dev, 'WORKDIR').at(-1)?.args, `/repo/${image.workspaceDir}`);
    assert.match(
      instructions(dev, 'CMD').at(-1)?.args ?? '',
      /tsc --build --watch.*node --watch --import \.\/dist\/instrument\.js dist\/main\.js/,
    );
  });
}

/** Whether a .dockerignore pattern excludes a path (the path itself or one of its folders). */
function ignored(patterns: readonly string[], file: string): boolean {
  const parts = file.split('/');
  const candidates = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
  return patterns.some((pattern) => {
    const regex = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '(.*/)?')
        .replace(/\*/g, '[^/]*')}$`,
    );
    return candidates.some((candidate) => regex.test(candidate));
  });
}

test('.dockerignore keeps what the builds need and drops what they must not see', () => {
  const patterns = readFileSync(repoPath('.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const image of images) {
    const needed = ['package.json', 'package-lock.json', 'tsconfig.base.json'];
    for (const workspace of buildClosure(workspaces, workspaceOf(image).name)) {
      needed.push(
        `${workspace.dir}/package.json`,
        `${workspace.dir}/tsconfig.json`,
        `${workspace.dir}/src/index.ts`,
        `${workspace.dir}/src/main.ts`,
      );
      for (const file of ['schema.graphql', 'supergraph.graphql'])
        if (existsSync(repoPath(workspace.dir, file))) needed.push(`${workspace.dir}/${file}`);
    }
    for (const file of needed) assert.equal(ignored(patterns, file), false, `${image.dockerfile} needs ${file}`);
  }
  for (const file of [
    'node_modules/x',
    'gateway/node_modules/x',
    'gateway/dist/main.js',
    'gateway/tsconfig.tsbuildinfo',
    '.git/HEAD',
    '.data/postgres/PG_VERSION',
  ]) {
    assert.ok(ignored(patterns, file), `${file} stays out of the build context`);
  }
});

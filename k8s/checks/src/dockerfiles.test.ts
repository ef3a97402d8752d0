import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { execForm, flag, instructions, npmBuildWorkspaces, npmCiWorkspaces, stageEnv, tscBuildTargets, type Stage } from './dockerfile.js';
import { builtImages, type BuiltImage } from './images.js';
import { repoPath } from './repo.js';
import { isProject, loadWorkspaces, owningWorkspace, projectClosure, runtimeClosure, type Workspace } from './workspaces.js';

const BASE_IMAGES = ['node:22-bookworm-slim', 'node:22-alpine'];
const SERVICE_CMD = ['node', '--import', './dist/instrument.js', 'dist/main.js'];

const workspaces = loadWorkspaces();
const images = builtImages();
const workspaceOf = (image: BuiltImage) => [...workspaces.values()].find((workspace) => workspace.dir === image.workspaceDir)!;
/** Our services load Sentry's instrumentation first; the tools (Spotlight, the load generator, the panel's web server) do not. */
const isService = (image: BuiltImage) => existsSync(repoPath(image.projectDir, 'src', 'instrument.ts'));
const byName = (names: Iterable<string>) => [...new Set(names)].sort();
const readJson = <T>(file: string) => JSON.parse(readFileSync(repoPath(file), 'utf8')) as T;

/**
 * What the build stage must compile: the program's project and every internal package the image
 * installs at run time (their dist is copied), with their references. For a service that is
 * `tsc --build <service>`; the web image adds the detectors its panel bundles.
 */
function compileRoots(image: BuiltImage): string[] {
  const program = projectClosure([image.projectDir]);
  const packages = runtimeClosure(workspaces, workspaceOf(image).name)
    .filter((workspace) => workspace.dir !== image.workspaceDir && isProject(workspace.dir))
    .map((workspace) => workspace.dir);
  return [image.projectDir, ...packages.filter((dir) => !program.includes(dir))];
}

/** Every workspace the build stage needs: those of the compiled projects, and what the image installs at run time. */
function buildWorkspaces(image: BuiltImage): Workspace[] {
  const compiled = projectClosure(compileRoots(image)).map((dir) => owningWorkspace(workspaces, dir));
  const unique = new Map(
    [...compiled, ...runtimeClosure(workspaces, workspaceOf(image).name)].map((workspace) => [workspace.name, workspace]),
  );
  return [...unique.values()];
}
const runArgs = (stage: Stage) => instructions(stage, 'RUN').map((instruction) => instruction.args);
const copies = (stage: Stage) =>
  instructions(stage, 'COPY').map(
    (instruction) => `${flag(instruction, 'from') ? `--from=${flag(instruction, 'from')} ` : ''}${instruction.args}`,
  );

test('every image is built', () => {
  assert.ok(images.length >= 8, `skaffold.yaml lists ${images.length} artifacts`);
  for (const image of images) assert.ok(workspaceOf(image), `${image.label}: runs ${image.workspaceDir}, which is no workspace`);
});

for (const image of images) {
  const { label: dockerfile, stages, runtime } = image;

  test(`${dockerfile}: multi-stage from ${BASE_IMAGES[0]}, the production image last`, () => {
    assert.ok(stages.length >= 2, 'several stages');
    assert.equal(stages[0]!.name, 'build');
    const names = new Set<string>();
    for (const stage of stages) {
      assert.ok(BASE_IMAGES.includes(stage.from) || names.has(stage.from), `FROM ${stage.from}`);
      if (stage.name) names.add(stage.name);
    }
    assert.ok(BASE_IMAGES.includes(runtime.from), 'the runtime stage starts from the base image, not from the build');
    assert.match(
      readFileSync(repoPath(image.dockerfile), 'utf8'),
      /^# syntax=docker\/dockerfile:1\n/,
      'BuildKit syntax line (cache mounts)',
    );
  });

  test(`${dockerfile}: the build stage installs and compiles exactly what the image needs`, () => {
    const build = stages[0]!;
    const needed = buildWorkspaces(image);
    const [install, ...more] = npmCiWorkspaces(build);
    assert.deepEqual(more, [], 'one npm ci');
    assert.deepEqual(byName(install!), byName(needed.map((workspace) => workspace.name)), 'npm ci --workspace flags');
    assert.ok(
      runArgs(build).some((args) => /\bnpm ci\b.*--include-workspace-root/.test(args)),
      'npm ci with the root (typescript)',
    );
    assert.deepEqual(
      tscBuildTargets(build, { watch: false }),
      compileRoots(image),
      'one tsc --build of the program and of the packages it installs',
    );
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
    assert.deepEqual(byName(install!), byName(needed.map((workspace) => workspace.name)), 'npm ci --workspace flags');
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
    if (image.projectDir !== image.workspaceDir)
      assert.ok(
        copied.includes(`--from=build /repo/${image.projectDir}/dist ${image.projectDir}/dist`),
        `${image.projectDir}/dist, the program`,
      );
    for (const file of ['schema.graphql', 'supergraph.graphql']) {
      if (existsSync(repoPath(image.projectDir, file))) {
        assert.ok(copied.includes(`--from=build /repo/${image.projectDir}/${file} ${image.projectDir}/`), `${file}, read at run time`);
      }
    }
    const user = instructions(runtime, 'USER').at(-1)?.args ?? '';
    assert.match(user, /^[1-9][0-9]*(:[0-9]+)?$/, 'a numeric non-root USER, so that runAsNonRoot can be verified');
  });

  test(`${dockerfile}: every dist the runtime stage copies is built by the build stage`, () => {
    const build = stages[0]!;
    const compiled = projectClosure(tscBuildTargets(build, { watch: false }));
    const scripted = npmBuildWorkspaces(build).map((nameOrDir) => (workspaces.get(nameOrDir) ?? { dir: nameOrDir }).dir);
    const dists = instructions(runtime, 'COPY')
      .filter((instruction) => flag(instruction, 'from') === 'build')
      .flatMap((instruction) => instruction.args.split(/\s+/).slice(0, -1))
      .filter((source) => source.endsWith('/dist'))
      .map((source) => path.posix.dirname(source.slice('/repo/'.length)));
    for (const dir of dists) {
      const workspace = owningWorkspace(workspaces, dir);
      const script = readJson<{ scripts?: Record<string, string> }>(`${workspace.dir}/package.json`).scripts?.['build'];
      assert.ok(
        compiled.includes(dir) || (dir === workspace.dir && script !== undefined && scripted.includes(workspace.dir)),
        `${dir}/dist: expected tsc --build ${dir}${dir === workspace.dir ? ` or npm run build --workspace ${workspace.name}` : ''} in the build stage`,
      );
    }
  });

  test(`${dockerfile}: exec-form start command${isService(image) ? ' with Sentry loaded first, and a dev target' : ''}`, () => {
    const command = [...instructions(runtime, 'ENTRYPOINT'), ...instructions(runtime, 'CMD')];
    assert.ok(command.length > 0 && command.every((instruction) => execForm(instruction)), 'CMD/ENTRYPOINT in exec form');
    const anyDev = stages.find((stage) => stage.name === 'dev');
    if (anyDev) {
      assert.equal(anyDev.from, 'build', 'the dev target starts from the build stage (sources and dev dependencies)');
      assert.match(instructions(anyDev, 'USER').at(-1)?.args ?? '', /^[1-9][0-9]*(:[0-9]+)?$/, 'dev: a numeric non-root USER');
      assert.ok(instructions(anyDev, 'CMD').at(-1) && execForm(instructions(anyDev, 'CMD').at(-1)!), 'dev: CMD in exec form');
      const env = stageEnv(anyDev);
      assert.deepEqual(
        [env['HOST'], env['PORT']],
        [stageEnv(runtime)['HOST'], stageEnv(runtime)['PORT']],
        'dev: HOST and PORT as in the runtime stage',
      );
    }
    if (!isService(image)) return;
    assert.deepEqual(execForm(instructions(runtime, 'CMD').at(-1)!), SERVICE_CMD);
    assert.equal(stageEnv(runtime)['HOST'], '0.0.0.0', 'HOST=0.0.0.0: reachable from outside the container');
    const dev = stages.find((stage) => stage.name === 'dev');
    assert.ok(dev, 'a dev stage for skaffold file sync');
    assert.equal(dev.from, 'build');
    assert.match(instructions(dev, 'USER').at(-1)?.args ?? '', /^[1-9][0-9]*(:[0-9]+)?$/);
    assert.equal(instructions(dev, 'WORKDIR').at(-1)?.args, `/repo/${image.projectDir}`);
    assert.match(
      instructions(dev, 'CMD').at(-1)?.args ?? '',
      /tsc --build --watch.*node --watch --import \.\/dist\/instrument\.js dist\/main\.js/,
    );
  });
}

/**
 * Whether .dockerignore's patterns exclude a path (the path itself or one of its folders), as
 * Docker reads them: in order, the last matching pattern wins, and `!` re-includes.
 */
function ignored(patterns: readonly string[], file: string): boolean {
  const parts = file.split('/');
  const candidates = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
  let excluded = false;
  for (const line of patterns) {
    const include = line.startsWith('!');
    const pattern = include ? line.slice(1) : line;
    const regex = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '(.*/)?')
        .replace(/\*/g, '[^/]*')}$`,
    );
    if (candidates.some((candidate) => regex.test(candidate))) excluded = !include;
  }
  return excluded;
}

/** The files of a repository path (a file, or a folder walked outside node_modules and dist). */
function repoFiles(pathFromRoot: string): string[] {
  if (!existsSync(repoPath(pathFromRoot))) return [];
  if (!statSync(repoPath(pathFromRoot)).isDirectory()) return [pathFromRoot];
  return readdirSync(repoPath(pathFromRoot), { withFileTypes: true }).flatMap((entry) =>
    ['node_modules', 'dist'].includes(entry.name) ? [] : repoFiles(`${pathFromRoot}/${entry.name}`),
  );
}

const dockerignorePatterns = () =>
  readFileSync(repoPath('.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

test('.dockerignore keeps what the builds need and drops what they must not see', () => {
  const patterns = dockerignorePatterns();
  for (const image of images) {
    const needed = ['package.json', 'package-lock.json', 'tsconfig.base.json'];
    for (const workspace of buildWorkspaces(image)) needed.push(`${workspace.dir}/package.json`);
    for (const dir of projectClosure(compileRoots(image))) {
      needed.push(`${dir}/tsconfig.json`, `${dir}/src/index.ts`, `${dir}/src/main.ts`);
      for (const file of ['schema.graphql', 'supergraph.graphql']) if (existsSync(repoPath(dir, file))) needed.push(`${dir}/${file}`);
    }
    // A workspace built by its own script (the panel: tsc type-check, then vite build) reads these too.
    for (const nameOrDir of npmBuildWorkspaces(image.stages[0]!)) {
      const dir = (workspaces.get(nameOrDir) ?? { dir: nameOrDir }).dir;
      for (const file of ['tsconfig.json', 'index.html', 'vite.config.ts', 'src/main.tsx'])
        if (existsSync(repoPath(dir, file))) needed.push(`${dir}/${file}`);
    }
    for (const file of needed) assert.equal(ignored(patterns, file), false, `${image.label} needs ${file}`);
    // Whatever a COPY takes from the build context must be in it (the panel's build copies docs/scenarios).
    for (const instruction of image.stages.flatMap((stage) => instructions(stage, 'COPY')).filter((copy) => !flag(copy, 'from'))) {
      for (const source of instruction.args.split(/\s+/).slice(0, -1)) {
        const sent = repoFiles(source).filter((file) => !ignored(patterns, file));
        assert.ok(sent.length > 0, `${image.label}: COPY ${source}, which the build context leaves out`);
      }
    }
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

/** The .ts files of a folder, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(repoPath(dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(`${dir}/${entry.name}`) : /\.tsx?$/.test(entry.name) ? [`${dir}/${entry.name}`] : [],
  );
}

test('.dockerignore names no file that is gone, and the sources it leaves out are imported by tests only', () => {
  const workspaceDirs = [...workspaces.values()].map((workspace) => workspace.dir);
  const named = dockerignorePatterns().filter(
    (pattern) => !/[*?[\]!]/.test(pattern) && workspaceDirs.some((dir) => pattern.startsWith(`${dir}/`)),
  );
  for (const file of named) {
    assert.ok(existsSync(repoPath(file)), `.dockerignore names ${file}, which does not exist: it excludes nothing any more`);
    const match = /^(.*\/src)\/(.+)\.tsx?$/.exec(file);
    if (!match) continue;
    const [, srcDir, module] = match as unknown as [string, string, string];
    const importers = sourceFiles(srcDir).filter(
      (source) =>
        !/\.test\.tsx?$/.test(source) &&
        source !== file &&
        new RegExp(`from '\\./${module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.js'`).test(readFileSync(repoPath(source), 'utf8')),
    );
    assert.deepEqual(importers, [], `${file} is left out of the images, but non-test code imports it`);
  }
});

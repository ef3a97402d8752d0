import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { stageEnv, tscBuildTargets, viteDevServerRoots, type Stage } from './dockerfile.js';
import { requireHelm } from './helm.js';
import { builtImages } from './images.js';
import { parseManifests } from './manifests.js';
import { CHART_DIR, REPO_ROOT } from './repo.js';
import { loadSkaffold, templateName, type SkaffoldRelease } from './skaffold.js';
import { workloads } from './workloads.js';
import { projectClosure } from './workspaces.js';

const skaffold = loadSkaffold();
const artifacts = skaffold.build?.artifacts ?? [];
const [release] = skaffold.manifests?.helm?.releases ?? [];
const chartValues = parse(readFileSync(path.join(CHART_DIR, 'values.yaml'), 'utf8')) as Record<
  string,
  { image?: { repository: string }; port?: number }
>;

/** The chart values key (gateway, paymentProvider, ...) whose image an artifact provides, from setValueTemplates. */
function valuesKeyOf(image: string): string | undefined {
  const templates = Object.entries(release?.setValueTemplates ?? {});
  return templates
    .find(([key, value]) => key.endsWith('.image.repository') && value === `{{.IMAGE_REPO_${templateName(image)}}}`)?.[0]
    .split('.')[0];
}

/** Dockerfiles in the repository, outside node_modules and build output. */
function dockerfiles(dir = REPO_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory())
      return ['node_modules', 'dist', '.git', '.data'].includes(entry.name) ? [] : dockerfiles(path.join(dir, entry.name));
    return entry.name === 'Dockerfile' || entry.name.endsWith('.Dockerfile') ? [path.relative(REPO_ROOT, path.join(dir, entry.name))] : [];
  });
}

test('skaffold.yaml uses the v4beta13 schema, builds from the repository root and patches nothing by index', () => {
  assert.equal(skaffold.apiVersion, 'skaffold/v4beta13');
  assert.equal(skaffold.kind, 'Config');
  for (const artifact of artifacts) assert.equal(artifact.context, '.', `${artifact.image}: context`);
  for (const profile of skaffold.profiles ?? []) assert.equal(profile.patches, undefined, `profile ${profile.name} uses JSON patches`);
  assert.deepEqual(skaffold.deploy, { helm: {} }, 'helm install with the manifests.helm release, so that hooks and helm test work');
  assert.equal(release?.chartPath, 'charts/trace-arcade');
});

test('every Dockerfile is a skaffold artifact, and every artifact has its Dockerfile', () => {
  assert.deepEqual([...new Set(artifacts.map((artifact) => artifact.docker?.dockerfile))].sort(), dockerfiles().sort());
});

test('every artifact sets its chart image through setValueTemplates, and the chart has no other image of ours', () => {
  const templates = { ...release?.setValueTemplates };
  for (const { image } of artifacts) {
    const key = valuesKeyOf(image);
    assert.ok(key, `${image}: no setValueTemplates <key>.image.repository = {{.IMAGE_REPO_${templateName(image)}}}`);
    assert.equal(templates[`${key}.image.tag`], `{{.IMAGE_TAG_${templateName(image)}}}`, `${key}.image.tag`);
    assert.equal(chartValues[key]?.image?.repository, image, `values.yaml ${key}.image.repository defaults to the artifact's name`);
    delete templates[`${key}.image.repository`];
    delete templates[`${key}.image.tag`];
  }
  assert.deepEqual(templates, {}, 'setValueTemplates that belong to no artifact');
  const ours = Object.entries(chartValues).filter(([, value]) => value?.image?.repository.startsWith('trace-arcade/'));
  assert.deepEqual(
    ours.map(([key]) => key).sort(),
    artifacts.map(({ image }) => valuesKeyOf(image)).sort(),
    'chart images built by no artifact',
  );
});

test('the chart runs each artifact where its values say, on the port its Dockerfile exposes', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const set = Object.fromEntries(
    artifacts.flatMap(({ image }) => [
      [`${valuesKeyOf(image)}.image.repository`, `registry.test/${templateName(image)}`],
      [`${valuesKeyOf(image)}.image.tag`, 'skaffold'],
    ]),
  );
  const objects = parseManifests(helm.template({ name: 'skaffold images', set: { ...set, 'loadgen.enabled': 'true' } }));
  const used = new Set(
    workloads(objects).flatMap((workload) =>
      [...(workload.spec.initContainers ?? []), ...workload.spec.containers].map((container) => container.image),
    ),
  );
  for (const image of builtImages()) {
    assert.ok(used.has(`registry.test/${templateName(image.image)}:skaffold`), `${image.image}: no workload runs the image skaffold built`);
    const port = stageEnv(image.runtime)['PORT'];
    if (port !== undefined) assert.equal(Number(port), chartValues[valuesKeyOf(image.image)!]?.port, `${image.label}: PORT`);
  }
});

test('port-forwards reach the panel, the gateway and Spotlight services', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const services = parseManifests(helm.template({ name: 'default values' })).filter((object) => object.kind === 'Service') as unknown as {
    metadata: { name: string };
    spec: { ports: { port: number }[] };
  }[];
  const forwards = skaffold.portForward ?? [];
  assert.deepEqual(forwards.map((forward) => forward.resourceName).sort(), [
    'trace-arcade-gateway',
    'trace-arcade-spotlight',
    'trace-arcade-web',
  ]);
  for (const forward of forwards) {
    assert.equal(forward.resourceType, 'service');
    const service = services.find((candidate) => candidate.metadata.name === forward.resourceName);
    assert.ok(
      service?.spec.ports.some((port) => port.port === forward.port),
      `${forward.resourceName}:${forward.port}`,
    );
  }
});

/**
 * What `skaffold dev` must sync into a dev image: the sources its watchers use. `tsc --build --watch`
 * compiles src/**\/*.ts of its projects and their references; the Vite dev server serves its
 * folder's src/ (any file) and index.html.
 */
function devSyncSources(dev: Stage): string[] {
  const compiled = projectClosure(tscBuildTargets(dev, { watch: true })).map((dir) => `${dir}/src/**/*.ts`);
  const served = viteDevServerRoots(dev).flatMap((root) => [`${root}/src/**`, `${root}/index.html`]);
  return [...compiled, ...served];
}

test('the dev profile builds the dev targets and syncs the sources each dev image watches', () => {
  const dev = skaffold.profiles?.find((profile) => profile.name === 'dev');
  assert.deepEqual(dev?.activation, [{ command: 'dev' }]);
  const images = builtImages();
  assert.deepEqual(
    dev?.build?.artifacts?.map((artifact) => artifact.image),
    artifacts.map((artifact) => artifact.image),
    'the same artifacts',
  );
  for (const artifact of dev?.build?.artifacts ?? []) {
    const image = images.find((candidate) => candidate.image === artifact.image)!;
    const devStage = image.stages.find((stage) => stage.name === 'dev');
    assert.equal(artifact.docker?.target, devStage ? 'dev' : undefined, `${artifact.image}: target`);
    if (!devStage) {
      assert.equal(artifact.sync, undefined, `${artifact.image}: nothing to sync into a production image`);
      continue;
    }
    const expected = devSyncSources(devStage).map((src) => ({ src, dest: '/repo' }));
    assert.ok(expected.length > 0, `${artifact.image}: its dev target watches nothing`);
    assert.deepEqual(
      [...(artifact.sync?.manual ?? [])].sort((a, b) => a.src.localeCompare(b.src)),
      expected.sort((a, b) => a.src.localeCompare(b.src)),
      `${artifact.image}: sync rules`,
    );
  }
  assertReleaseVariant('dev', { 'devSync.enabled': 'true', 'web.resources.limits.memory': '1Gi' });
});

test('every profile that restates the Helm release repeats the release flags (--timeout for the seed hook)', () => {
  const base = skaffold.manifests?.helm?.flags;
  assert.ok(
    [...(base?.install ?? []), ...(base?.upgrade ?? [])].some((flag) => flag.startsWith('--timeout')),
    'the base release waits long enough for the seed hook',
  );
  for (const profile of skaffold.profiles ?? []) {
    const helm = profile.manifests?.helm;
    if (!helm) continue;
    // A profile's manifests.helm replaces the base one whole: flags it does not repeat are dropped.
    assert.deepEqual(helm.flags, base, `profile ${profile.name}: manifests.helm.flags`);
  }
});

test('every artifact, in every profile, builds without provenance attestations (kind load cannot import them)', () => {
  assert.equal(skaffold.build?.local?.useBuildkit, true, 'cliFlags apply to builds through the docker CLI (BuildKit)');
  const all = [...artifacts, ...(skaffold.profiles ?? []).flatMap((profile) => profile.build?.artifacts ?? [])];
  for (const artifact of all) assert.ok(artifact.docker?.cliFlags?.includes('--provenance=false'), `${artifact.image}: docker.cliFlags`);
});

test('the loadgen profile turns the chart value on, and changes nothing else', () => {
  assertReleaseVariant('loadgen', { 'loadgen.enabled': 'true' });
});

/** A profile's release is the main release plus `setValues`. */
function assertReleaseVariant(profileName: string, setValues: Record<string, string>) {
  const profile = skaffold.profiles?.find((candidate) => candidate.name === profileName);
  const releases = profile?.manifests?.helm?.releases ?? [];
  assert.equal(releases.length, 1, `profile ${profileName}: one release`);
  const expected: SkaffoldRelease = { ...release!, setValues: { ...release?.setValues, ...setValues } };
  assert.deepEqual(releases[0], expected, `profile ${profileName}: release`);
}

test("every profile's artifact is built from its main artifact's Dockerfile with the same build arguments (the shared subgraph Dockerfile's SERVICE)", () => {
  const main = new Map(artifacts.map((artifact) => [artifact.image, artifact]));
  for (const profile of skaffold.profiles ?? []) {
    for (const artifact of profile.build?.artifacts ?? []) {
      const base = main.get(artifact.image);
      assert.ok(base, `profile ${profile.name}: ${artifact.image} is no main artifact`);
      assert.equal(artifact.docker?.dockerfile, base.docker?.dockerfile, `profile ${profile.name}: ${artifact.image}'s Dockerfile`);
      assert.deepEqual(artifact.docker?.buildArgs, base.docker?.buildArgs, `profile ${profile.name}: ${artifact.image}'s build arguments`);
    }
  }
});

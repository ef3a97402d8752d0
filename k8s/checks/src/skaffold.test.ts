import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { stageEnv } from './dockerfile.js';
import { requireHelm } from './helm.js';
import { builtImages } from './images.js';
import { parseManifests } from './manifests.js';
import { CHART_DIR, REPO_ROOT } from './repo.js';
import { loadSkaffold, templateName, type SkaffoldRelease } from './skaffold.js';
import { workloads } from './workloads.js';
import { buildClosure, loadWorkspaces } from './workspaces.js';

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
  assert.deepEqual(artifacts.map((artifact) => artifact.docker?.dockerfile).sort(), dockerfiles().sort());
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
    if (port !== undefined) assert.equal(Number(port), chartValues[valuesKeyOf(image.image)!]?.port, `${image.dockerfile}: PORT`);
  }
});

test('port-forwards reach the gateway and Spotlight services', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const services = parseManifests(helm.template({ name: 'default values' })).filter((object) => object.kind === 'Service') as unknown as {
    metadata: { name: string };
    spec: { ports: { port: number }[] };
  }[];
  const forwards = skaffold.portForward ?? [];
  assert.deepEqual(forwards.map((forward) => forward.resourceName).sort(), ['trace-arcade-gateway', 'trace-arcade-spotlight']);
  for (const forward of forwards) {
    assert.equal(forward.resourceType, 'service');
    const service = services.find((candidate) => candidate.metadata.name === forward.resourceName);
    assert.ok(
      service?.spec.ports.some((port) => port.port === forward.port),
      `${forward.resourceName}:${forward.port}`,
    );
  }
});

test('the dev profile builds the dev targets and syncs the TypeScript sources each image compiles', () => {
  const dev = skaffold.profiles?.find((profile) => profile.name === 'dev');
  assert.deepEqual(dev?.activation, [{ command: 'dev' }]);
  const workspaces = loadWorkspaces();
  const images = builtImages();
  assert.deepEqual(
    dev?.build?.artifacts?.map((artifact) => artifact.image),
    artifacts.map((artifact) => artifact.image),
    'the same artifacts',
  );
  for (const artifact of dev?.build?.artifacts ?? []) {
    const image = images.find((candidate) => candidate.image === artifact.image)!;
    const hasDevStage = image.stages.some((stage) => stage.name === 'dev');
    assert.equal(artifact.docker?.target, hasDevStage ? 'dev' : undefined, `${artifact.image}: target`);
    if (!hasDevStage) continue;
    const workspace = [...workspaces.values()].find((candidate) => candidate.dir === image.workspaceDir)!;
    const expected = buildClosure(workspaces, workspace.name).map((compiled) => ({ src: `${compiled.dir}/src/**/*.ts`, dest: '/repo' }));
    assert.deepEqual(
      [...(artifact.sync?.manual ?? [])].sort((a, b) => a.src.localeCompare(b.src)),
      expected.sort((a, b) => a.src.localeCompare(b.src)),
      `${artifact.image}: sync rules`,
    );
  }
  assertReleaseVariant('dev', { 'devSync.enabled': 'true' });
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

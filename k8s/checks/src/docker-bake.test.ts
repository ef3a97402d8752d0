/**
 * docker-bake.hcl (parsed by HashiCorp's HCL parser, compiled to WebAssembly in @cdktn/hcl2json)
 * builds the images skaffold builds, from the same Dockerfiles with the same build arguments, for
 * amd64 and arm64, without provenance attestations, each Dockerfile's base image swappable for a
 * pinned one.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from '@cdktn/hcl2json';
import { builtImages } from './images.js';
import { repoPath } from './repo.js';
import { loadSkaffold } from './skaffold.js';

interface BakeTarget {
  name?: string;
  matrix?: Record<string, string[]>;
  inherits?: string[];
  context?: string;
  dockerfile?: string;
  args?: Record<string, string>;
  platforms?: string[];
  tags?: string | string[];
  attest?: string[];
  contexts?: Record<string, string>;
}

interface BakeFile {
  group: Record<string, [{ targets: string[] }]>;
  target: Record<string, [BakeTarget]>;
  function: Record<string, [{ params: string[]; result: string[] }]>;
  variable: Record<string, [{ default: string }]>;
}

async function loadBake(): Promise<BakeFile> {
  return (await parse('docker-bake.hcl', readFileSync(repoPath('docker-bake.hcl'), 'utf8'))) as BakeFile;
}

/**
 * The targets bake builds, by name: a target with a matrix is one target per value, named by it
 * (`name = service`), with `service` in its fields standing for that value. The parser leaves
 * expressions as `${...}` text; the file uses the variable alone and in `image(service)`.
 */
function targets(bake: BakeFile): Map<string, BakeTarget> {
  const all = new Map<string, BakeTarget>();
  for (const [name, [target]] of Object.entries(bake.target)) {
    const [variable, values] = Object.entries(target.matrix ?? {})[0] ?? [];
    if (!variable || !values) {
      all.set(name, target);
      continue;
    }
    assert.equal(target.name, `\${${variable}}`, `target ${name}: named by its matrix value`);
    for (const value of values) {
      const text = JSON.stringify({ ...target, name: undefined, matrix: undefined })
        .replaceAll(`\${${variable}}`, value)
        .replaceAll(`image(${variable})`, `image(\\"${value}\\")`);
      all.set(value, JSON.parse(text) as BakeTarget);
    }
  }
  return all;
}

/** A target with what it inherits folded in. */
function resolved(all: Map<string, BakeTarget>, name: string): BakeTarget {
  const own = all.get(name);
  assert.ok(own, `target ${name}`);
  return Object.assign({}, ...(own.inherits ?? []).map((parent) => resolved(all, parent)), own) as BakeTarget;
}

test(
  'docker-bake.hcl: one target per skaffold artifact, same Dockerfile and build arguments, amd64 and arm64',
  { timeout: 30_000 },
  async () => {
    const bake = await loadBake();
    const all = targets(bake);
    const artifacts = loadSkaffold().build?.artifacts ?? [];
    const names = artifacts.map((artifact) => artifact.image.replace(/^trace-arcade\//, ''));
    assert.deepEqual([...bake.group['default']![0].targets].sort(), [...names].sort(), 'the default group builds every image');
    assert.deepEqual(bake.function['image']?.[0]?.result, ['%{if REGISTRY == ""}%{else}${REGISTRY}/%{endif}trace-arcade/${name}:${TAG}']);
    for (const artifact of artifacts) {
      const name = artifact.image.replace(/^trace-arcade\//, '');
      const target = resolved(all, name);
      assert.equal(target.dockerfile, artifact.docker?.dockerfile, `${name}: the Dockerfile skaffold builds`);
      assert.ok(existsSync(repoPath(target.dockerfile!)), `${name}: ${target.dockerfile} exists`);
      assert.deepEqual(target.args ?? {}, artifact.docker?.buildArgs ?? {}, `${name}: build arguments`);
      assert.equal(target.context, artifact.context, `${name}: context`);
      assert.deepEqual(target.platforms, ['linux/amd64', 'linux/arm64'], `${name}: platforms`);
      assert.deepEqual(target.attest, ['type=provenance,disabled=true'], `${name}: no provenance attestation (kind load)`);
      assert.equal(target.tags, `\${image("${name}")}`, `${name}: tagged trace-arcade/${name}:TAG`);
    }
  },
);

test("docker-bake.hcl: every Dockerfile's base image is the one NODE_IMAGE replaces", { timeout: 30_000 }, async () => {
  const bake = await loadBake();
  const contexts = resolved(targets(bake), 'gateway').contexts ?? {};
  const replaced = Object.keys(contexts);
  assert.deepEqual(Object.values(contexts), ['docker-image://${NODE_IMAGE}']);
  const bases = new Set(builtImages().flatMap((image) => image.stages.map((stage) => stage.from).filter((from) => from.includes(':'))));
  assert.deepEqual([...bases], replaced, 'the base images the Dockerfiles name');
  assert.equal(bake.variable['NODE_IMAGE']?.[0]?.default, replaced[0]);
});

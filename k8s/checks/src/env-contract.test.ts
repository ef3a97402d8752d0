import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { execForm, instructions } from './dockerfile.js';
import { builtImages } from './images.js';
import { parseManifests } from './manifests.js';
import { repoPath } from './repo.js';
import { LARGEST_VALUES } from './value-sets.js';
import { allContainers, workloads } from './workloads.js';
import { loadWorkspaces, owningWorkspace, runtimeClosure } from './workspaces.js';

/** Modules that read the environment for every process that imports them (besides each program's config modules). */
const SHARED_READERS = ['packages/service-runtime/src/logger.ts', 'packages/seed-data/src/seed-size-env.ts'];
/** Sentry's set-up (and the schema of its variables) reads the tracing variables, for a process that loads it with `node --import`. */
const INSTRUMENT = ['packages/service-runtime/src/instrument.ts', 'packages/service-runtime/src/telemetry-config.ts'];

/** A program's configuration modules: src/config.ts and src/<what>-config.ts (the panel's runtime-config.ts). */
function configModules(projectDir: string): string[] {
  const src = repoPath(projectDir, 'src');
  if (!existsSync(src)) return [];
  return readdirSync(src)
    .filter((file) => file === 'config.ts' || file.endsWith('-config.ts'))
    .map((file) => `${projectDir}/src/${file}`);
}

test('every environment variable the chart sets is one the program in that container reads', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const workspaces = loadWorkspaces();
  const images = builtImages();
  const objects = parseManifests(
    helm.template({
      ...LARGEST_VALUES,
      set: { ...LARGEST_VALUES.set, 'sentry.dsn': 'https://k@o1.ingest.sentry.io/1', 'scenarios.defaults.cpu-rng': 'fixed' },
    }),
  );
  const unread: string[] = [];
  for (const workload of workloads(objects)) {
    for (const container of allContainers(workload.spec)) {
      // Inline scripts (node -e: helm test, waiting for the stores) read what they are given.
      if (container.command?.includes('-e')) continue;
      const image = images.find((candidate) => container.image?.startsWith(`${candidate.image}:`));
      if (!image) continue;
      // What the container runs: its own command, else the image's ENTRYPOINT and CMD.
      const command =
        container.command ??
        [...instructions(image.runtime, 'ENTRYPOINT'), ...instructions(image.runtime, 'CMD')].flatMap(
          (instruction) => execForm(instruction) ?? [],
        );
      // Another program the image carries, named by its path (the gateway image's /app/packages/dashboards/dist/apply-cli.js).
      const script = command.map((word) => /^\/app\/(.+)\/dist\/[^/]+\.js$/.exec(word)?.[1]).find((dir) => dir !== undefined);
      const projectDir = script ?? image.projectDir;
      const workspace = owningWorkspace(workspaces, projectDir);
      const closureDirs = runtimeClosure(workspaces, workspace.name).map((member) => member.dir);
      const loadsInstrument = command.some((word) => /(^|\/)instrument\.js$/.test(word));
      const readers = [
        ...configModules(projectDir),
        ...SHARED_READERS.filter((file) => closureDirs.some((dir) => file.startsWith(`${dir}/`))),
        ...(loadsInstrument ? INSTRUMENT : []),
      ];
      const source = readers
        .filter((file) => existsSync(repoPath(file)))
        .map((file) => readFileSync(repoPath(file), 'utf8'))
        .join('\n');
      const env = container.env ?? [];
      // A variable only used inside another one's value ($(DATABASE_PASSWORD) in DATABASE_URL) is Kubernetes' business.
      const expanded = new Set(
        env.flatMap((variable) => [...(variable.value ?? '').matchAll(/\$\(([A-Z_]+)\)/g)].map((match) => match[1])),
      );
      for (const { name } of env) {
        if (!expanded.has(name) && !new RegExp(`\\b${name}\\b`).test(source))
          unread.push(`${workload.id}/${container.name}: ${name} (readers: ${readers.join(', ')})`);
      }
    }
  }
  assert.deepEqual(unread, []);
});

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { CHART_DIR, repoPath } from './repo.js';
import type { ValueSet } from './value-sets.js';

/** The release and namespace every check renders with; k8s/manifests/trace-arcade.yaml uses them too. */
const RELEASE = 'trace-arcade';
const NAMESPACE = 'trace-arcade';

const INSTALL_HINT = 'install it with k8s/checks/install-helm.sh, or point HELM_BIN at a helm binary';

/** helm from HELM_BIN, else from PATH, else where `go install` puts it. */
export function findHelm(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['HELM_BIN'];
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`HELM_BIN=${explicit}: expected a helm binary there; found nothing`);
    return explicit;
  }
  const candidates = [
    ...(env['PATH'] ?? '')
      .split(path.delimiter)
      .filter((dir) => dir !== '')
      .map((dir) => path.join(dir, 'helm')),
    ...(env['GOPATH'] ? [path.join(env['GOPATH'], 'bin', 'helm')] : []),
    path.join(homedir(), 'go', 'bin', 'helm'),
  ];
  return candidates.find((candidate) => existsSync(candidate));
}

/**
 * The helm binary for a test. Without one the test fails under CI=true, and is skipped with the
 * reason elsewhere.
 */
export function requireHelm(t: TestContext): Helm | undefined {
  const bin = findHelm();
  if (bin) return new Helm(bin);
  const reason = `helm not found (HELM_BIN, PATH, $GOPATH/bin, ~/go/bin): ${INSTALL_HINT}`;
  if (process.env['CI'] === 'true') throw new Error(reason);
  t.skip(reason);
  return undefined;
}

function valueArgs(values: ValueSet): string[] {
  return [
    ...(values.files ?? []).flatMap((file) => ['--values', repoPath(file)]),
    ...Object.entries(values.set ?? {}).flatMap(([key, value]) => ['--set', `${key}=${value}`]),
  ];
}

export class Helm {
  constructor(readonly bin: string) {}

  #run(args: string[], cwd = CHART_DIR): string {
    return execFileSync(this.bin, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** `helm template` of the chart (or of `chartDir`) with a set of values; throws with helm's message on failure. */
  template(values: ValueSet, options: { skipTests?: boolean; chartDir?: string; release?: string } = {}): string {
    const args = ['template', options.release ?? RELEASE, options.chartDir ?? CHART_DIR, '--namespace', NAMESPACE, ...valueArgs(values)];
    try {
      return this.#run(options.skipTests ? [...args, '--skip-tests'] : args);
    } catch (error) {
      throw new Error(`helm template with ${values.name}: ${String((error as { stderr?: unknown }).stderr ?? error)}`, { cause: error });
    }
  }

  lint(values: ValueSet): string {
    try {
      return this.#run(['lint', CHART_DIR, '--strict', '--namespace', NAMESPACE, ...valueArgs(values)]);
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: unknown; stderr?: unknown };
      throw new Error(`helm lint with ${values.name}:\n${String(stdout)}${String(stderr)}`, { cause: error });
    }
  }
}

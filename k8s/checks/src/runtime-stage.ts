import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { execForm, flag, instructions, stageEnv, type Stage } from './dockerfile.js';
import { repoPath } from './repo.js';

/** What a Dockerfile's runtime stage leaves behind, reproduced in a folder of this machine. */
export interface ReproducedStage {
  /** The final WORKDIR, inside the folder. */
  workdir: string;
  env: Record<string, string>;
  command: string[];
}

const BUILD_ROOT = '/repo/';
const IMAGE_ROOT = '/app';

/**
 * Replays a runtime stage into `folder` (standing for /app): its `COPY --from=build` take the
 * built files from this repository (the build stage's /repo), or from where `sourceOf` says, its
 * `npm ci` runs here through `runNpm`. Anything else in the stage is refused, so the replay cannot
 * silently diverge.
 */
export function reproduceRuntimeStage(
  stage: Stage,
  folder: string,
  runNpm: (args: string[], cwd: string) => void,
  sourceOf: (pathFromRepo: string) => string = (pathFromRepo) => repoPath(pathFromRepo),
): ReproducedStage {
  const inFolder = (imagePath: string) => path.join(folder, path.posix.relative(IMAGE_ROOT, path.posix.resolve(IMAGE_ROOT, imagePath)));
  let workdir = folder;
  for (const instruction of stage.instructions) {
    switch (instruction.keyword) {
      case 'WORKDIR':
        workdir = inFolder(instruction.args);
        mkdirSync(workdir, { recursive: true });
        break;
      case 'COPY': {
        if (flag(instruction, 'from') !== 'build')
          throw new Error(`line ${instruction.line}: expected COPY --from=build; got ${instruction.args}`);
        const parts = instruction.args.split(/\s+/);
        const destination = parts.pop()!;
        const target = path.resolve(workdir, destination);
        for (const source of parts) {
          if (!source.startsWith(BUILD_ROOT))
            throw new Error(`line ${instruction.line}: expected a source below ${BUILD_ROOT}; got ${source}`);
          const from = sourceOf(source.slice(BUILD_ROOT.length));
          const to = destination.endsWith('/') || parts.length > 1 ? path.join(target, path.basename(source)) : target;
          cpSync(from, to, { recursive: true });
        }
        break;
      }
      case 'RUN': {
        const [command, ...args] = instruction.args.split(/\s+/);
        if (command !== 'npm' || args[0] !== 'ci')
          throw new Error(`line ${instruction.line}: expected only npm ci in the runtime stage; got ${instruction.args}`);
        runNpm(args, workdir);
        break;
      }
      // Build arguments are already substituted into the instructions that use them.
      case 'ARG':
      case 'ENV':
      case 'USER':
      case 'EXPOSE':
      case 'CMD':
      case 'ENTRYPOINT':
        break;
      default:
        throw new Error(`line ${instruction.line}: ${instruction.keyword} is not reproduced here`);
    }
  }
  const cmd = instructions(stage, 'CMD').at(-1);
  const entrypoint = instructions(stage, 'ENTRYPOINT').at(-1);
  const command = [...(entrypoint ? (execForm(entrypoint) ?? []) : []), ...(cmd ? (execForm(cmd) ?? []) : [])];
  return { workdir, env: stageEnv(stage), command };
}

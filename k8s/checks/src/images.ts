import { readDockerfile, instructions, type Stage } from './dockerfile.js';
import { loadSkaffold } from './skaffold.js';

/** An image built from this repository: its skaffold artifact, its Dockerfile and the workspace it runs. */
export interface BuiltImage {
  image: string;
  dockerfile: string;
  stages: Stage[];
  /** The last stage: what `docker build` produces without --target. */
  runtime: Stage;
  /** The workspace directory the image runs in (its last WORKDIR, below /app). */
  workspaceDir: string;
}

/** Every artifact of skaffold.yaml's main build, with its parsed Dockerfile. */
export function builtImages(): BuiltImage[] {
  return (loadSkaffold().build?.artifacts ?? []).map((artifact) => {
    const dockerfile = artifact.docker?.dockerfile ?? 'Dockerfile';
    const stages = readDockerfile(dockerfile);
    const runtime = stages.at(-1)!;
    const workdir = instructions(runtime, 'WORKDIR').at(-1)?.args ?? '';
    if (!workdir.startsWith('/app/'))
      throw new Error(`${dockerfile}: expected the runtime stage to end in WORKDIR /app/<workspace>; got ${JSON.stringify(workdir)}`);
    return { image: artifact.image, dockerfile, stages, runtime, workspaceDir: workdir.slice('/app/'.length) };
  });
}

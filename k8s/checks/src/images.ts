import { readDockerfile, instructions, type Stage } from './dockerfile.js';
import { loadSkaffold } from './skaffold.js';
import { loadWorkspaces, owningWorkspace } from './workspaces.js';

/** An image built from this repository: its skaffold artifact, its Dockerfile and the program it runs. */
export interface BuiltImage {
  image: string;
  dockerfile: string;
  /** The Dockerfile and the build arguments it is built with, for messages: `subgraphs/Dockerfile (SERVICE=users)`. */
  label: string;
  stages: Stage[];
  /** The last stage: what `docker build` produces without --target. */
  runtime: Stage;
  /** The TypeScript project of the program the image runs (its last WORKDIR, below /app), e.g. gateway or web/server. */
  projectDir: string;
  /** The workspace that project belongs to (gateway; web for web/server): what the runtime stage installs. */
  workspaceDir: string;
}

/** Every artifact of skaffold.yaml's main build, with its Dockerfile parsed with the artifact's build arguments. */
export function builtImages(): BuiltImage[] {
  const workspaces = loadWorkspaces();
  return (loadSkaffold().build?.artifacts ?? []).map((artifact) => {
    const dockerfile = artifact.docker?.dockerfile ?? 'Dockerfile';
    const buildArgs = artifact.docker?.buildArgs ?? {};
    const stages = readDockerfile(dockerfile, buildArgs);
    const args = Object.entries(buildArgs).map(([name, value]) => `${name}=${value}`);
    const label = args.length > 0 ? `${dockerfile} (${args.join(' ')})` : dockerfile;
    const runtime = stages.at(-1)!;
    const workdir = instructions(runtime, 'WORKDIR').at(-1)?.args ?? '';
    if (!workdir.startsWith('/app/'))
      throw new Error(`${dockerfile}: expected the runtime stage to end in WORKDIR /app/<workspace>; got ${JSON.stringify(workdir)}`);
    const projectDir = workdir.slice('/app/'.length);
    return {
      image: artifact.image,
      dockerfile,
      label,
      stages,
      runtime,
      projectDir,
      workspaceDir: owningWorkspace(workspaces, projectDir).dir,
    };
  });
}

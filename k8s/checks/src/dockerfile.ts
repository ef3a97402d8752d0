import { readFileSync } from 'node:fs';
import { repoPath } from './repo.js';

export interface Instruction {
  keyword: string;
  /** `--name=value` options, in order (RUN may have several --mount). */
  flags: [name: string, value: string][];
  /** Everything after the keyword and its flags. */
  args: string;
  line: number;
}

export interface Stage {
  /** The base image. */
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Stages and instructions of a Dockerfile: comments dropped, continuation lines joined. */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    let logical = lines[index]!.trim();
    if (logical === '' || logical.startsWith('#')) continue;
    while (logical.endsWith('\\') && index + 1 < lines.length) {
      index += 1;
      const next = lines[index]!.trim();
      if (!next.startsWith('#')) logical = `${logical.slice(0, -1).trimEnd()} ${next}`;
    }
    const [keyword = '', ...rest] = logical.split(/\s+/);
    const flags: Instruction['flags'] = [];
    while (rest[0]?.startsWith('--')) {
      const [name = '', ...value] = rest.shift()!.slice(2).split('=');
      flags.push([name, value.join('=')]);
    }
    const instruction: Instruction = { keyword: keyword.toUpperCase(), flags, args: rest.join(' '), line };
    if (instruction.keyword === 'FROM') {
      const [from = '', as, name] = rest;
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`line ${line}: expected FROM before ${instruction.keyword}`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

export function readDockerfile(pathFromRoot: string): Stage[] {
  return parseDockerfile(readFileSync(repoPath(pathFromRoot), 'utf8'));
}

export const flag = (instruction: Instruction, name: string) => instruction.flags.find(([flagName]) => flagName === name)?.[1];

export const instructions = (stage: Stage, keyword: string) => stage.instructions.filter((instruction) => instruction.keyword === keyword);

/** The JSON array of an exec-form CMD or ENTRYPOINT; undefined for the shell form. */
export function execForm(instruction: Instruction): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(instruction.args);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** ENV instructions of a stage as one map (`ENV A=1 B=2` form). */
export function stageEnv(stage: Stage): Record<string, string> {
  return Object.fromEntries(
    instructions(stage, 'ENV').flatMap((instruction) =>
      instruction.args.split(/\s+/).map((pair) => {
        const [name = '', ...value] = pair.split('=');
        return [name, value.join('=')];
      }),
    ),
  );
}

/** The `--workspace` names of the stage's `npm ci` commands. */
export function npmCiWorkspaces(stage: Stage): string[][] {
  return instructions(stage, 'RUN')
    .filter((instruction) => /\bnpm ci\b/.test(instruction.args))
    .map((instruction) => [...instruction.args.matchAll(/--workspace[= ](\S+)/g)].map((match) => match[1]!));
}

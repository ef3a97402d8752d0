import { readFileSync } from 'node:fs';
import path from 'node:path';
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

/** One command of a RUN or of the CMD (a `sh -c` script is split into its commands), with the WORKDIR it runs in. */
export interface StageCommand {
  keyword: 'RUN' | 'CMD';
  /** Absolute, inside the image. */
  workdir: string;
  words: string[];
}

/** A shell script's simple commands, split on `&&`, `||`, `;`, `&` and `|`; quotes and `exec` dropped. Enough for our Dockerfiles. */
function simpleCommands(script: string): string[][] {
  return script
    .split(/&&|\|\||[;&|]/)
    .map((part) =>
      part
        .trim()
        .split(/\s+/)
        .filter((word) => word !== '')
        .map((word) => word.replace(/^["']|["']$/g, '')),
    )
    .map((words) => (words[0] === 'exec' ? words.slice(1) : words))
    .filter((words) => words.length > 0);
}

/** Every command a stage runs, RUN by RUN and then its CMD, each with its WORKDIR. */
export function stageCommands(stage: Stage): StageCommand[] {
  const commands: StageCommand[] = [];
  let workdir = '/';
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, instruction.args);
    if (instruction.keyword === 'RUN')
      commands.push(...simpleCommands(instruction.args).map((words) => ({ keyword: 'RUN' as const, workdir, words })));
    if (instruction.keyword === 'CMD') {
      const exec = execForm(instruction);
      const words = exec ?? simpleCommands(instruction.args)[0] ?? [];
      const scripts = words[0] === 'sh' && words[1] === '-c' && words[2] !== undefined ? simpleCommands(words[2]) : [words];
      commands.push(...scripts.map((script) => ({ keyword: 'CMD' as const, workdir, words: script })));
    }
  }
  return commands;
}

const program = (command: StageCommand) => path.posix.basename(command.words[0] ?? '');

/** Where a path of the build stage (below /repo) is in the repository. */
function fromRepo(workdir: string, target: string): string {
  const absolute = path.posix.resolve(workdir, target);
  if (!absolute.startsWith('/repo')) throw new Error(`expected a path below /repo; got ${absolute}`);
  return path.posix.relative('/repo', absolute) || '.';
}

/** The projects a stage's `tsc --build` commands name (the WORKDIR when they name none), from the repository root. */
export function tscBuildTargets(stage: Stage, options: { watch: boolean }): string[] {
  return stageCommands(stage)
    .filter(
      (command) => program(command) === 'tsc' && command.words.includes('--build') && command.words.includes('--watch') === options.watch,
    )
    .flatMap((command) => {
      const targets = command.words.slice(1).filter((word) => !word.startsWith('-'));
      return (targets.length > 0 ? targets : ['.']).map((target) => fromRepo(command.workdir, target));
    });
}

/** The workspaces (names or directories) whose `build` script a stage runs: `npm run build --workspace <w>`. */
export function npmBuildWorkspaces(stage: Stage): string[] {
  return stageCommands(stage)
    .filter((command) => program(command) === 'npm' && command.words[1] === 'run' && command.words[2] === 'build')
    .flatMap((command) => {
      const words = command.words.join(' ');
      return [...words.matchAll(/(?:--workspace|-w)[= ](\S+)/g)].map((match) => match[1]!);
    });
}

/** The folders a stage serves with the Vite dev server (`vite`, not `vite build`), from the repository root. */
export function viteDevServerRoots(stage: Stage): string[] {
  return stageCommands(stage)
    .filter((command) => program(command) === 'vite' && !['build', 'preview', 'optimize'].includes(command.words[1] ?? ''))
    .map((command) => fromRepo(command.workdir, '.'));
}

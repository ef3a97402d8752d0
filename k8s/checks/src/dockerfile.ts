import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Instruction as ParsedInstruction } from 'dockerfile-ast';
import { repoPath } from './repo.js';

export interface Instruction {
  keyword: string;
  /** `--name=value` options, in order (RUN may have several --mount). */
  flags: [name: string, value: string][];
  /** Everything after the keyword and its flags, build arguments substituted. */
  args: string;
  line: number;
}

export interface Stage {
  /** The base image. */
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** The build arguments a build passes (`--build-arg NAME=value`, skaffold's `buildArgs`). */
export type BuildArgs = Readonly<Record<string, string>>;

const hasFlags = (
  instruction: ParsedInstruction,
): instruction is ParsedInstruction & { getFlags(): { getName(): string; getValue(): string | null }[] } =>
  typeof (instruction as { getFlags?: unknown }).getFlags === 'function';

/**
 * Stages and instructions of a Dockerfile, parsed by dockerfile-ast (the parser of the Dockerfile
 * language server): comments dropped, continuation lines joined, and each `$NAME` or `${NAME}` of a
 * declared ARG replaced by its value from `buildArgs`, else by the ARG's default. An ARG used
 * without either is an error: the build would expand it to nothing.
 */
function parseDockerfile(text: string, buildArgs: BuildArgs, name: string): Stage[] {
  const parsed = DockerfileParser.parse(text);
  const declared = new Map<string, string | undefined>();
  for (const arg of parsed.getARGs())
    for (const property of arg.getProperties())
      declared.set(property.getName(), buildArgs[property.getName()] ?? property.getValue() ?? undefined);
  const substitute = (value: string, line: number) =>
    value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced?: string, bare?: string) => {
      const variable = (braced ?? bare)!;
      if (!declared.has(variable)) return whole;
      const resolved = declared.get(variable);
      if (resolved === undefined) throw new Error(`${name} line ${line}: ARG ${variable} has no value: pass it as a build argument`);
      return resolved;
    });
  const stages: Stage[] = [];
  for (const parsedInstruction of parsed.getInstructions()) {
    const line = parsedInstruction.getRange().start.line + 1;
    const keyword = parsedInstruction.getKeyword().toUpperCase();
    const flags: Instruction['flags'] = hasFlags(parsedInstruction)
      ? parsedInstruction.getFlags().map((flag) => [flag.getName(), flag.getValue() ?? ''])
      : [];
    // Exec forms (a JSON array) as written; other arguments as the words the parser found.
    const raw =
      keyword === 'CMD' || keyword === 'ENTRYPOINT'
        ? (parsedInstruction.getArgumentsContent() ?? '')
        : parsedInstruction
            .getArguments()
            .map((argument) => argument.getValue())
            .join(' ');
    const instruction: Instruction = { keyword, flags, args: substitute(raw, line), line };
    if (keyword === 'FROM') {
      const [from = '', as, stageName] = instruction.args.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? stageName : undefined, instructions: [] });
    } else if (keyword !== 'ARG' || stages.length > 0) {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${name} line ${line}: expected FROM before ${keyword}`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

export function readDockerfile(pathFromRoot: string, buildArgs: BuildArgs = {}): Stage[] {
  return parseDockerfile(readFileSync(repoPath(pathFromRoot), 'utf8'), buildArgs, pathFromRoot);
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

/** The shell commands of the README's "Run on Kubernetes" section, as a reader would paste them. */

/** Every command of the section's ```sh blocks, continuation lines joined and comments dropped. */
export function kubernetesCommands(readme: string): string[] {
  const start = readme.indexOf('\n## Run on Kubernetes');
  if (start === -1) throw new Error('README.md: expected a "## Run on Kubernetes" section; found none');
  const next = readme.indexOf('\n## ', start + 1);
  return shellCommands(readme.slice(start, next === -1 ? undefined : next));
}

/** The commands of every ```sh block of `markdown`, one per line (continued lines joined, comments dropped). */
export function shellCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks.flatMap((block) =>
    block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
      .filter((line) => line !== ''),
  );
}

/** `a/{b,c}:1` -> `a/b:1`, `a/c:1` (one level of braces, as the README uses). */
export function expandBraces(word: string): string[] {
  const match = /^(.*)\{([^{}]*)\}(.*)$/.exec(word);
  return match ? match[2]!.split(',').flatMap((part) => expandBraces(`${match[1]}${part}${match[3]}`)) : [word];
}

/** The images a `kind load docker-image` command loads, without their tags. */
export function kindLoadedImages(commands: readonly string[]): string[] {
  return commands
    .filter((command) => /\bkind load docker-image\b/.test(command))
    .flatMap((command) => command.split(/\s+/).filter((word) => word.startsWith('trace-arcade/')))
    .flatMap(expandBraces)
    .map((image) => image.replace(/:[^/]*$/, ''));
}

/** The value of a `--timeout` flag (`--timeout 10m` or `--timeout=10m`), if any. */
export function timeoutOf(command: string): string | undefined {
  return /--timeout[= ](\S+)/.exec(command)?.[1];
}

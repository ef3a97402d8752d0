/**
 * The shell examples of a Markdown document: every fenced `sh`/`bash`/`shell` block and every
 * inline code span that starts with `curl `, split into whole commands (a command may span lines
 * through a trailing `\`, a quoted string or a `for … done` loop).
 */

export interface ShellCommand {
  /** The command as written, lines joined by newlines. */
  text: string;
  /** The command without its comments: what the shell runs. */
  code: string;
  /**
   * The error code the docs show on purpose, from a trailing comment `# → CODE` on the command's
   * last line; undefined when the command must succeed.
   */
  expectedError: string | undefined;
}

export interface ShellExample {
  /** `README.md:42`: the file and the line the example starts on. */
  where: string;
  kind: 'block' | 'inline';
  commands: ShellCommand[];
}

const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell']);

/**
 * Where a shell line leaves its quoting (inside `'`, inside `"`, or outside), whether it ends in a
 * `\`, and where its comment starts (the line's length when it has none).
 */
function scanQuotes(line: string, open: "'" | '"' | undefined): { open: "'" | '"' | undefined; continues: boolean; commentAt: number } {
  let quote = open;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quote === "'") {
      if (char === "'") quote = undefined;
    } else if (char === '\\') {
      if (i === line.length - 1) return { open: quote, continues: quote === undefined, commentAt: line.length };
      i += 1; // an escaped character, outside single quotes
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return { open: quote, continues: false, commentAt: i }; // a comment runs to the end of the line
    }
  }
  return { open: quote, continues: false, commentAt: line.length };
}

/** How many loops a line opens (`for`, `while`, `until`) and closes (`done`), as command words. */
const count = (line: string, words: string) => (line.match(new RegExp(`(^|[;&|]\\s*)(${words})\\b`, 'g')) ?? []).length;

function command(lines: string[]): ShellCommand {
  let open: "'" | '"' | undefined;
  const code = lines.map((line) => {
    const scanned = scanQuotes(line, open);
    open = scanned.open;
    return line.slice(0, scanned.commentAt).trimEnd();
  });
  const annotation = /#\s*→\s*([A-Z][A-Z_]*)\s*$/.exec(lines.at(-1)!);
  return { text: lines.join('\n'), code: code.join('\n'), expectedError: annotation?.[1] };
}

/** Splits a script into its commands; blank lines and whole-line comments are left out. */
export function splitCommands(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: string[] = [];
  let open: "'" | '"' | undefined;
  let continues = false;
  let loops = 0;
  for (const line of script.split('\n')) {
    const trimmed = line.trim();
    if (current.length === 0 && (trimmed === '' || trimmed.startsWith('#'))) continue;
    current.push(line);
    if (open === undefined && !continues) loops += count(trimmed, 'for|while|until') - count(trimmed, 'done');
    ({ open, continues } = scanQuotes(line, open));
    if (open === undefined && !continues && loops <= 0) {
      commands.push(command(current));
      current = [];
      loops = 0;
    }
  }
  if (current.length > 0) throw new Error(`a shell example does not end: an unclosed quote, \`\\\` or loop in:\n${current.join('\n')}`);
  return commands;
}

/** Every shell example of a Markdown document, in order. */
export function shellExamples(markdown: string, file: string): ShellExample[] {
  const examples: ShellExample[] = [];
  const lines = markdown.split('\n');
  let fence: { language: string; start: number; body: string[] } | undefined;
  lines.forEach((line, index) => {
    const fenceLine = /^\s*```\s*([\w-]*)/.exec(line);
    if (fence) {
      if (fenceLine && fenceLine[1] === '') {
        if (SHELL_LANGUAGES.has(fence.language)) {
          examples.push({ where: `${file}:${fence.start + 1}`, kind: 'block', commands: splitCommands(fence.body.join('\n')) });
        }
        fence = undefined;
      } else {
        fence.body.push(line);
      }
      return;
    }
    if (fenceLine) {
      fence = { language: fenceLine[1]!, start: index, body: [] };
      return;
    }
    for (const span of line.matchAll(/`(curl [^`]+)`/g)) {
      examples.push({ where: `${file}:${index + 1}`, kind: 'inline', commands: [command([span[1]!])] });
    }
  });
  return examples;
}

/** The gateway of the local stack, as the docs address it: `localhost:4000` or `127.0.0.1:4000`. */
export const LOCAL_GATEWAY = /\b(localhost|127\.0\.0\.1):4000\b/g;

export function talksToLocalStack(text: string): boolean {
  return new RegExp(LOCAL_GATEWAY.source).test(text);
}

/** The command with the local gateway's port replaced by `port`, and nothing else changed. */
export function onPort(text: string, port: number): string {
  return text.replace(LOCAL_GATEWAY, (_match, host: string) => `${host}:${port}`);
}

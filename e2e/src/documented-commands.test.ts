/**
 * Every shell example in README.md, docs/configuration.md, the chart's README (charts/trace-arcade/README.md) and
 * docs/scenarios/*.md that talks to the local stack is run,
 * with bash, against a running test stack: the gateway's port (4000 in the docs) is rewritten to the
 * test stack's, and nothing else. Each command must exit 0 and answer JSON without `errors` (GraphQL)
 * or `code` (JSON error body), unless its last line shows the error on purpose (`# → CODE`).
 * Every other shell example is listed below, with the reason it is not run here; an example that
 * is neither run nor listed fails the test, so a new one is never silently left out.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '@trace-arcade/stack';
import { onPort, shellExamples, talksToLocalStack, type ShellCommand, type ShellExample } from './shell-examples.js';
import { startTestStack, type TestStack } from './test-stack.js';

/** Examples that cannot run against the local stack, each with the reason. Matched on the command without comments. */
const NOT_RUN: { command: RegExp; reason: string }[] = [
  { command: /^npm ci && npm start$/, reason: 'installs and starts the stack itself; e2e/src/npm-start.test.ts runs `npm start`' },
  { command: /^npm test$/, reason: 'the test command itself; CI (.ci/run) runs it' },
  {
    command: /^npm run (build|compose|codegen|lint|format)$/,
    reason: 'builds or rewrites files of the working tree; CI runs the build, lint and format check',
  },
  {
    command: /^npm run load$/,
    reason:
      'the load generator runs for 60 s and takes its gateway from GATEWAY_URL, not from the command line; loadgen/src/main.test.ts runs it against a gateway',
  },
  {
    command: /^GATEWAY_URL=http:\/\/127\.0\.0\.1:30400 npm run load$/,
    reason: "the kind cluster's gateway (NodePort 30400), not the local stack",
  },
  { command: /^kind /, reason: 'needs Docker and kind: creates a Kubernetes cluster or loads images into it' },
  { command: /^skaffold /, reason: 'needs a Kubernetes cluster, Docker and Skaffold' },
  { command: /^(for image in .*\n.*docker build|docker build) /, reason: 'needs Docker: builds the images' },
  { command: /^helm /, reason: 'needs a Kubernetes cluster and Helm (k8s/checks runs helm lint and helm template on the chart)' },
  { command: /^kubectl /, reason: 'needs a Kubernetes cluster' },
];

const DOCUMENTS = [
  'README.md',
  'docs/configuration.md',
  'charts/trace-arcade/README.md',
  ...readdirSync(path.join(REPO_ROOT, 'docs', 'scenarios'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/scenarios/${file}`),
];

const EXAMPLES: ShellExample[] = DOCUMENTS.flatMap((file) => shellExamples(readFileSync(path.join(REPO_ROOT, file), 'utf8'), file));
/** An example is run when one of its commands talks to the local stack; a block is run whole (a `sleep` between two requests, say). */
const TO_RUN = EXAMPLES.filter((example) => example.commands.some((command) => talksToLocalStack(command.code)));

const MARKER = '<<<documented-command-exit';

/** The block as one bash script that prints each command's exit status after its output. */
function script(commands: ShellCommand[], port: number): string {
  const lines = commands.map((command) => `${onPort(command.text, port)}\nprintf '\\n${MARKER} %d>>>\\n' "$?"`);
  return [...lines, 'wait', ''].join('\n');
}

async function runBash(source: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('bash', ['-c', source], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** The error codes in an answer: GraphQL's `errors[].extensions.code`, or a JSON error body's `code`. */
function errorCodes(answer: unknown): string[] | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const { errors, code } = answer as { errors?: { extensions?: { code?: string } }[]; code?: unknown };
  if (Array.isArray(errors)) return errors.map((error) => String(error.extensions?.code));
  if (typeof code === 'string') return [code];
  return undefined;
}

let stack: TestStack;

before(async () => {
  stack = await startTestStack();
});
after(async () => {
  await stack?.stop();
});

test('every shell example is either run against the local stack or listed with the reason it is not', () => {
  const unclassified: string[] = [];
  const used = new Set<RegExp>();
  for (const example of EXAMPLES) {
    const run = TO_RUN.includes(example);
    for (const command of example.commands) {
      const listed = NOT_RUN.find((entry) => entry.command.test(command.code));
      if (listed) used.add(listed.command);
      if (run) {
        assert.equal(listed, undefined, `${example.where}: a block that is run also holds \`${command.code}\` (${listed?.reason})`);
      } else if (!listed) {
        unclassified.push(`${example.where}: ${command.code}`);
      }
    }
  }
  assert.deepEqual(unclassified, [], 'shell examples neither run nor listed in NOT_RUN');
  assert.deepEqual(
    NOT_RUN.filter((entry) => !used.has(entry.command)).map((entry) => String(entry.command)),
    [],
    'NOT_RUN entries that match no example any more',
  );
  assert.ok(TO_RUN.length >= 10, `the docs' examples against the local stack were found (${TO_RUN.length})`);
});

for (const example of TO_RUN) {
  const first = example.commands.find((command) => talksToLocalStack(command.code))!;
  test(`${example.where}: ${first.code.split('\n')[0]!.slice(0, 90)}`, async () => {
    const { code, stdout, stderr } = await runBash(script(example.commands, stack.ports.gateway));
    assert.equal(code, 0, `bash exited ${code}; stderr: ${stderr}`);
    // The output of command i sits before the i-th marker.
    const parts = stdout.split(new RegExp(`\\n?${MARKER} (\\d+)>>>\\n`));
    example.commands.forEach((command, index) => {
      const output = parts[index * 2]!.trim();
      const status = Number(parts[index * 2 + 1]);
      const shown = `\`${command.code}\` answered: ${output.slice(0, 600)}\nstderr: ${stderr}`;
      assert.equal(status, 0, `exit status ${status} of ${shown}`);
      // `sleep`, or a request whose answer is sent away (`> /dev/null`, run in the background with `&`).
      const sentAway = /&\s*$/.test(command.code) || /\s>\s*\S+\s*$/.test(command.code);
      if (!talksToLocalStack(command.code) || sentAway) return;
      // One JSON answer, or one per line (a loop of requests).
      let answers: unknown[];
      try {
        answers = [JSON.parse(output)];
      } catch {
        try {
          answers = output
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => JSON.parse(line) as unknown);
        } catch {
          assert.fail(`expected a JSON answer (or one per line) from ${shown}`);
        }
      }
      for (const answer of answers) {
        const codes = errorCodes(answer);
        if (command.expectedError) {
          assert.ok(codes?.includes(command.expectedError), `expected the documented error ${command.expectedError} from ${shown}`);
        } else {
          assert.equal(codes, undefined, `expected no error from ${shown}`);
        }
      }
    });
  });
}

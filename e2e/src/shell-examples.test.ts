import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onPort, shellExamples, splitCommands, talksToLocalStack } from './shell-examples.js';

test('a command runs on across a trailing backslash, a quoted string and a for loop', () => {
  const script = [
    '# a comment',
    "curl -s localhost:4000/graphql -H 'content-type: application/json' \\",
    `  -d '{"query":`,
    `  "{ games { id } }"}'`,
    '',
    'for image in a b; do',
    '  docker build -t "x/$image" .',
    'done',
    'sleep 0.05',
  ].join('\n');
  assert.deepEqual(
    splitCommands(script).map((command) => command.text.split('\n').length),
    [3, 3, 1],
  );
});

test('an apostrophe inside double quotes and a # inside a word do not open anything', () => {
  assert.equal(splitCommands(`echo "it's" a#b\necho next`).length, 2);
  assert.equal(splitCommands(`npm run load   # the gateway on 127.0.0.1:4000`)[0]!.code, 'npm run load');
});

test('an unclosed quote is reported, not swallowed', () => {
  assert.throws(() => splitCommands(`curl -d '{"query":`), /does not end/);
});

test('a trailing `# → CODE` marks the error the docs show on purpose', () => {
  const [command] = splitCommands(`curl -s localhost:4000/graphql -d '{}'   # → BAD_USER_INPUT`);
  assert.equal(command!.expectedError, 'BAD_USER_INPUT');
  assert.equal(splitCommands('curl -s localhost:4000/health/ready')[0]!.expectedError, undefined);
});

test('fenced sh/bash blocks and inline curl spans are examples; other fences are not', () => {
  const markdown = [
    'Run `curl -s localhost:4000/about` or `npm start`.',
    '```sh',
    'curl -s 127.0.0.1:4000/scenarios',
    '```',
    '```yaml',
    'curl: not a command',
    '```',
    '```bash',
    'kubectl get pods',
    '```',
  ].join('\n');
  const examples = shellExamples(markdown, 'X.md');
  assert.deepEqual(
    examples.map((example) => [example.where, example.kind, example.commands.map((c) => c.text)]),
    [
      ['X.md:1', 'inline', ['curl -s localhost:4000/about']],
      ['X.md:2', 'block', ['curl -s 127.0.0.1:4000/scenarios']],
      ['X.md:8', 'block', ['kubectl get pods']],
    ],
  );
});

test('only the local gateway port is rewritten', () => {
  const text = 'curl -s localhost:4000/graphql http://127.0.0.1:4000/about localhost:40001 127.0.0.1:30400 -d \'{"n": 4000}\'';
  assert.equal(
    onPort(text, 41234),
    'curl -s localhost:41234/graphql http://127.0.0.1:41234/about localhost:40001 127.0.0.1:30400 -d \'{"n": 4000}\'',
  );
  assert.equal(talksToLocalStack(text), true);
  assert.equal(talksToLocalStack('GATEWAY_URL=http://127.0.0.1:30400 npm run load'), false);
});

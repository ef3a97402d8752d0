import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { childLineFormatter, chooseLogFormat, prettyLine } from './log-format.js';

const ESC = '\u001b';
const at = new Date(2026, 11, 7, 9, 5, 7);
const pinoLine = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time: at.toISOString(), pid: 4242, hostname: 'box', service: 'users', name: 'users', ...fields });

test('a pino line: HH:MM:SS service level message key=value, nothing of pid or hostname', { timeout: 5_000 }, () => {
  const line = pinoLine({ msg: 'listening', port: 4001, url: 'http://localhost:4001/graphql' });
  assert.equal(prettyLine('users', line, { colours: false }), '09:05:07 users info listening port=4001 url=http://localhost:4001/graphql');
});

test('values with spaces are quoted, objects are JSON, an error shows its message', { timeout: 5_000 }, () => {
  const line = pinoLine({
    level: 50,
    msg: 'bet failed',
    reason: 'no funds left',
    ids: [1, 2],
    err: { type: 'Error', message: 'ECONNREFUSED 5432', stack: 'Error: …' },
  });
  assert.equal(
    prettyLine('game', line, { colours: false }),
    '09:05:07 game error bet failed reason="no funds left" ids=[1,2] err="ECONNREFUSED 5432"',
  );
});

test('a line that is not JSON is shown as it came, at the time it arrived', { timeout: 5_000 }, () => {
  assert.equal(
    prettyLine('postgres', 'LOG:  database system is ready', { colours: false, now: at }),
    '09:05:07 postgres LOG:  database system is ready',
  );
  assert.equal(prettyLine('web', '{not json', { colours: false, now: at }), '09:05:07 web {not json');
});

test('colours: the service always in the same colour, different services apart, warnings in yellow', { timeout: 5_000 }, () => {
  const users = prettyLine('users', pinoLine({ msg: 'a' }), { colours: true });
  const again = prettyLine('users', pinoLine({ msg: 'b' }), { colours: true });
  const gateway = prettyLine('gateway', pinoLine({ msg: 'a' }), { colours: true });
  // The escape sequence that opens the service's name (`ESC[36m`), the second word of the line.
  const colourOf = (line: string) => {
    const name = line.split(' ')[1] ?? '';
    return name.startsWith(ESC) ? name.slice(0, name.indexOf('m') + 1) : undefined;
  };
  assert.ok(colourOf(users), `coloured: ${JSON.stringify(users)}`);
  assert.equal(colourOf(users), colourOf(again));
  assert.notEqual(colourOf(users), colourOf(gateway));
  assert.equal(stripVTControlCharacters(users), '09:05:07 users info a');
  assert.ok(
    prettyLine('users', pinoLine({ level: 40, msg: 'slow' }), { colours: true }).includes(`${ESC}[33mwarn${ESC}[39m`),
    'warn in yellow',
  );
});

test('LOG_FORMAT decides; unset, a terminal gets pretty lines and a pipe keeps the JSON', { timeout: 5_000 }, () => {
  assert.equal(chooseLogFormat(undefined, true), 'pretty');
  assert.equal(chooseLogFormat(undefined, false), 'json');
  assert.equal(chooseLogFormat('json', true), 'json');
  assert.equal(chooseLogFormat('pretty', false), 'pretty');
  const json = pinoLine({ msg: 'listening' });
  assert.equal(childLineFormatter('json', true)('users', json), `[users] ${json}`);
  assert.equal(childLineFormatter('pretty', false)('users', json), '09:05:07 users info listening');
});

test(
  'pretty leaves out the inspector banner of the event-loop watch, unless the inspector was asked for; JSON keeps it',
  { timeout: 5_000 },
  () => {
    const banner = [
      'Debugger listening on ws://127.0.0.1:45987/ad9c5605-f72d-44b6-bf47-8939bfee65d2',
      'For help, see: https://nodejs.org/learn/getting-started/debugging',
    ];
    for (const line of banner) {
      assert.equal(childLineFormatter('pretty', false)('users', line), undefined, line);
      assert.match(
        childLineFormatter('pretty', false, true)('users', line)!,
        /users (Debugger listening|For help|Waiting for the debugger)/,
      );
      assert.equal(childLineFormatter('json', false)('users', line), `[users] ${line}`);
    }
    assert.match(childLineFormatter('pretty', false)('users', 'Debugger attached.')!, /users Debugger attached\.$/, 'other lines stay');
  },
);

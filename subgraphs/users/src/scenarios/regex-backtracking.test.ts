import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { GraphQLError } from 'graphql';
import { SCENARIOS, ScenarioSelection, scenarioDefaults } from '@trace-arcade/scenarios';
import { RequestCost, type RequestScope } from '@trace-arcade/service-runtime';
import { BACKTRACKING_DISPLAY_NAME, checkDisplayName, LINEAR_DISPLAY_NAME, MAX_DISPLAY_NAME_LENGTH } from './regex-backtracking.js';

const scope = (mode: 'slow' | 'fixed'): RequestScope => ({
  scenarios: new ScenarioSelection(scenarioDefaults(undefined), `regex-backtracking=${mode}`),
  cost: new RequestCost({}),
});

const crafted = SCENARIOS.find((scenario) => scenario.name === 'regex-backtracking')!.variables.name;

/** Names a player might type, and what both patterns must say about each. */
const TABLE: [string, boolean][] = [
  ['Ada', true],
  ['Ada Lovelace', true],
  ['Ada Lovelace ', true],
  ['player 1', true],
  ['R2D2', true],
  ['a b c d e f', true],
  ['tab\tseparated', true],
  ['TheLegendaryDragonSlayer2026', true],
  ['', false],
  [' Ada', false],
  ['Ada  Lovelace', false],
  ['Ada Lovelace  ', false],
  ['Ada_Lovelace', false],
  ['Ada-Lovelace', false],
  ['Zoë', false],
  ['O\u2019Brien', false],
  ['dragon!', false],
  ['emoji \u{1F409}', false],
  ['line\nbreak', true],
  [' ', false],
  [crafted, false],
];

test('both patterns accept and refuse the same names: a table of plausible ones', () => {
  for (const [name, valid] of TABLE) {
    assert.equal(BACKTRACKING_DISPLAY_NAME.test(name), valid, `backtracking pattern on ${JSON.stringify(name)}`);
    assert.equal(LINEAR_DISPLAY_NAME.test(name), valid, `linear pattern on ${JSON.stringify(name)}`);
  }
});

test('both patterns agree on every string of up to 6 characters over letters, digits, spaces and punctuation', () => {
  const alphabet = ['a', 'Z', '7', ' ', '\t', '!', '_'];
  let strings = [''];
  let checked = 0;
  for (let length = 0; length <= 6; length++) {
    for (const name of strings) {
      checked++;
      if (BACKTRACKING_DISPLAY_NAME.test(name) !== LINEAR_DISPLAY_NAME.test(name)) {
        assert.fail(
          `the patterns disagree on ${JSON.stringify(name)}: backtracking ${BACKTRACKING_DISPLAY_NAME.test(name)}, linear ${LINEAR_DISPLAY_NAME.test(name)}`,
        );
      }
    }
    strings = strings.flatMap((prefix) => alphabet.map((letter) => prefix + letter));
  }
  assert.equal(checked, (7 ** 7 - 1) / 6);
});

/** The shortest of three runs: the least disturbed by other work on the machine. */
function fastestMs(pattern: RegExp, input: string): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    pattern.test(input);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

test('the catalog input is the worst case at the length limit: letters, then one character no word may hold', () => {
  assert.equal(crafted.length, MAX_DISPLAY_NAME_LENGTH);
  assert.match(crafted.slice(0, -1), /^[a-zA-Z0-9]+$/);
  assert.ok(!LINEAR_DISPLAY_NAME.test(crafted));
});

test('the backtracking pattern doubles its work with each letter; the linear one does not notice', () => {
  // Prefixes of the crafted input, kept short so the test takes milliseconds: 4 more letters cost
  // 16x as much in theory; 4x leaves room for a busy machine.
  const short = fastestMs(BACKTRACKING_DISPLAY_NAME, `${crafted.slice(0, 18)}!`);
  const longer = fastestMs(BACKTRACKING_DISPLAY_NAME, `${crafted.slice(0, 22)}!`);
  assert.ok(longer >= 4 * short, `19 characters took ${short.toFixed(2)} ms, 23 took ${longer.toFixed(2)} ms`);
  const linear = fastestMs(LINEAR_DISPLAY_NAME, crafted);
  assert.ok(linear < longer / 10, `the linear pattern took ${linear.toFixed(3)} ms on all ${crafted.length} characters`);
});

test('checkDisplayName answers the same in both variants, with a reason when the name is refused', () => {
  for (const name of ['Ada Lovelace', 'Ada_Lovelace']) {
    const slow = checkDisplayName(scope('slow'), 'name', name);
    assert.deepEqual(checkDisplayName(scope('fixed'), 'name', name), slow);
  }
  assert.deepEqual(checkDisplayName(scope('fixed'), 'name', 'Ada Lovelace'), { valid: true, reason: null });
  assert.deepEqual(checkDisplayName(scope('fixed'), 'name', crafted), {
    valid: false,
    reason: 'expected letters and digits in words separated by single spaces',
  });
});

test('a name above the limit is BAD_USER_INPUT before any pattern runs, in both variants', () => {
  const long = `${'a'.repeat(40)}!`;
  for (const mode of ['slow', 'fixed'] as const) {
    const started = performance.now();
    assert.throws(
      () => checkDisplayName(scope(mode), 'name', long),
      (error: unknown) =>
        error instanceof GraphQLError &&
        error.extensions['code'] === 'BAD_USER_INPUT' &&
        error.message === `name: expected a display name of at most ${MAX_DISPLAY_NAME_LENGTH} characters; got 41`,
    );
    assert.ok(performance.now() - started < 100, 'refused at once');
  }
});

test('the patterns are compiled when the module loads: the first call in a process is not run by the 10x slower interpreter', () => {
  // A fresh process: the first call on 23 characters, then the fastest of the next two.
  const script = `
    const { BACKTRACKING_DISPLAY_NAME: pattern } = await import(${JSON.stringify(new URL('./regex-backtracking.js', import.meta.url).href)});
    const input = ${JSON.stringify(`${crafted.slice(0, 22)}!`)};
    const time = () => { const started = performance.now(); pattern.test(input); return performance.now() - started; };
    const first = time();
    console.log(JSON.stringify({ first, then: Math.min(time(), time()) }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  const { first, then } = JSON.parse(result.stdout) as { first: number; then: number };
  assert.ok(first < 4 * then, `the first call took ${first.toFixed(1)} ms, the next ones ${then.toFixed(1)} ms`);
});

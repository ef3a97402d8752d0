/**
 * The scenario pages under docs/scenarios/ against the catalog: every scenario has its page,
 * each page names the code it explains and shows a request that matches the catalog, and every
 * repository path a page mentions exists. The README stays short (at most README_MAX_LINES lines),
 * its scenario table links each page and its code, and every repository path it and the pages it
 * sends readers to (docs/configuration.md, the chart's README) mention exists.
 * Docs that nobody checks drift; these are checked.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MODES, operationFor, SCENARIOS } from './catalog.js';

/** This file runs from packages/scenarios/dist/. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOCS_INDEX = 'docs/scenarios/README.md';
/** The README is the way in; details live in the pages it links. */
const README_MAX_LINES = 300;
/** The README and the pages that took over its details. */
const TOP_LEVEL_DOCS = ['README.md', 'docs/configuration.md', 'charts/trace-arcade/README.md'];

function read(repoPath: string): string {
  return readFileSync(path.join(REPO_ROOT, repoPath), 'utf8');
}

function exists(repoPath: string): boolean {
  return existsSync(path.join(REPO_ROOT, repoPath));
}

/** Inline code spans (`like this`) outside fenced code blocks. */
function inlineCode(markdown: string): string[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
}

/** A repo-relative file path: segments joined by `/`, ending in an extension; no scheme, no leading `/`. */
const FILE_PATH = /^[\w@.-]+(?:\/[\w@.-]+)+\.[A-Za-z][A-Za-z0-9]*$/;

/** Targets of relative Markdown links (`[text](target)`), without any `#anchor`. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!.split('#')[0]!)
    .filter((target) => target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** The JSON bodies of the page's curl examples (`-d '{...}'`). */
function curlBodies(markdown: string): string[] {
  return [...markdown.matchAll(/-d '([^']+)'/g)].map((match) => match[1]!);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Code spans outside fenced code blocks, a span that wraps onto the next line joined by a space. */
function codeSpans(markdown: string): string[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '');
  return [...prose.matchAll(/`([^`]+)`/g)].map((match) => oneLine(match[1]!));
}

/**
 * A code span that names a path: segments joined by `/`, relative. This leaves out URLs and ports
 * (`:`), routes and absolute paths (a leading `/`), packages (`@scope/name`), commands (spaces),
 * globs (`*`), placeholders (`<service>`) and shell expansions (`$(...)`).
 */
const PATH_SPAN = /^[\w.-]+(?:\/[\w.-]+)*\/?$/;

/** Spans that look like paths but are not files of the repository, each with the reason. */
const NOT_REPO_PATHS: { span: RegExp; reason: string }[] = [
  { span: /^(application|text)\//, reason: 'a media type (text/plain)' },
  { span: /^http\/(protobuf|json)$/, reason: 'an OTLP protocol (OTEL_EXPORTER_OTLP_PROTOCOL)' },
  { span: /^[A-Z][A-Z0-9_]*\//, reason: "a path under a variable's value (DATA_DIR/mongo)" },
  { span: /^(\.data|e2e\/artifacts|node_modules)(\/|$)/, reason: 'written by npm ci, npm start or the tests, and ignored by git' },
];

/** Every code span of the document that names a repository path (relative to the repository root). */
function repoPaths(markdown: string): string[] {
  return codeSpans(markdown).filter(
    (span) => span.includes('/') && PATH_SPAN.test(span) && !NOT_REPO_PATHS.some((entry) => entry.span.test(span)),
  );
}

for (const scenario of SCENARIOS) {
  test(`${scenario.name}: its page and the README say where Sentry shows it, in the catalog's words`, () => {
    const page = read(scenario.docs);
    const section = page.split('\n## Where Sentry shows it\n')[1];
    assert.ok(section, `expected a "## Where Sentry shows it" section in ${scenario.docs}; got none`);
    assert.ok(
      oneLine(section).startsWith(`**${scenario.sentry.where}.**`),
      `expected the section to open with the catalog's sentry.where, "${scenario.sentry.where}"; got "${oneLine(section).slice(0, 120)}"`,
    );
    const rows = read('README.md')
      .split('\n')
      .filter((line) => line.startsWith(`| \`${scenario.name}\``));
    assert.ok(
      rows.some((row) => row.includes(scenario.sentry.where)),
      `expected a README row for ${scenario.name} that says "${scenario.sentry.where}"; got ${rows.join(' / ')}`,
    );
  });

  test(`${scenario.name}: its page links its Sentry dashboard`, () => {
    const section = read(scenario.docs).split('\n## Where Sentry shows it\n')[1] ?? '';
    const link = `(../../sentry/dashboards/${scenario.name}.json)`;
    assert.ok(section.includes(link), `expected the "Where Sentry shows it" section of ${scenario.docs} to link ${link}; got none`);
    assert.ok(exists(`sentry/dashboards/${scenario.name}.json`), `expected sentry/dashboards/${scenario.name}.json to exist`);
  });

  test(`${scenario.name}: its docs page exists`, () => {
    assert.ok(
      exists(scenario.docs),
      `expected the page named by the catalog's docs field, ${scenario.docs}, to exist; got no file at ${path.join(REPO_ROOT, scenario.docs)}`,
    );
  });

  test(`${scenario.name}: every file of its code field exists and its page names it in backticks`, () => {
    assert.ok(scenario.code.length > 0, `expected at least one path in the code field of ${scenario.name}; got none`);
    const spans = new Set(inlineCode(read(scenario.docs)));
    const paths = [...spans].filter((span) => FILE_PATH.test(span));
    for (const file of scenario.code) {
      assert.ok(exists(file), `expected ${file} (code of ${scenario.name}) to exist; got no such file`);
      assert.ok(
        spans.has(file),
        `expected ${scenario.docs} to mention \`${file}\` in backticks; got backticked paths: ${paths.join(', ')}`,
      );
    }
  });

  test(`${scenario.name}: every repo-relative file path and relative link on its page exists`, () => {
    const markdown = read(scenario.docs);
    const missingPaths = inlineCode(markdown).filter((span) => FILE_PATH.test(span) && !exists(span));
    assert.deepEqual(
      missingPaths,
      [],
      `expected every backticked file path in ${scenario.docs} to exist; got missing: ${missingPaths.join(', ')}`,
    );
    const pageDir = path.posix.dirname(scenario.docs);
    const missingLinks = relativeLinks(markdown).filter((target) => !exists(path.posix.join(pageDir, target)));
    assert.deepEqual(
      missingLinks,
      [],
      `expected every relative link in ${scenario.docs} to resolve; got broken: ${missingLinks.join(', ')}`,
    );
  });

  test(`${scenario.name}: its page shows a curl request with each mode's operation, variables and header`, () => {
    const markdown = read(scenario.docs);
    const bodies = curlBodies(markdown);
    for (const mode of MODES) {
      const { operation, variables } = operationFor(scenario, mode);
      const matching = bodies.filter((body) => {
        let parsed: { query?: unknown; variables?: unknown };
        try {
          parsed = JSON.parse(body) as typeof parsed;
        } catch {
          return false;
        }
        try {
          assert.deepEqual(parsed.variables, variables);
        } catch {
          return false;
        }
        return typeof parsed.query === 'string' && oneLine(parsed.query) === oneLine(operation);
      });
      assert.ok(
        matching.length > 0,
        `expected a curl body in ${scenario.docs} for ${mode} of {"query": ${JSON.stringify(oneLine(operation))}, "variables": ${JSON.stringify(variables)}}; got ${bodies.length === 0 ? 'no -d bodies' : bodies.join(' | ')}`,
      );
    }
    const header = `x-scenarios: ${scenario.name}=`;
    assert.ok(markdown.includes(header), `expected ${scenario.docs} to send the header "${header}slow|fixed"; got no such header`);
  });
}

test('the docs index links every scenario page by name', () => {
  assert.ok(exists(DOCS_INDEX), `expected ${DOCS_INDEX} to exist; got no file`);
  const index = read(DOCS_INDEX);
  const indexDir = path.posix.dirname(DOCS_INDEX);
  const linked = new Set(relativeLinks(index).map((target) => path.posix.join(indexDir, target)));
  for (const scenario of SCENARIOS) {
    assert.ok(index.includes(scenario.name), `expected ${DOCS_INDEX} to name ${scenario.name}; got no mention`);
    assert.ok(linked.has(scenario.docs), `expected ${DOCS_INDEX} to link ${scenario.docs}; got links to: ${[...linked].join(', ')}`);
  }
  const missing = relativeLinks(index).filter((target) => !exists(path.posix.join(indexDir, target)));
  assert.deepEqual(missing, [], `expected every relative link in ${DOCS_INDEX} to resolve; got broken: ${missing.join(', ')}`);
});

test(`README.md has at most ${README_MAX_LINES} lines`, () => {
  const lines = read('README.md').replace(/\n$/, '').split('\n').length;
  assert.ok(lines <= README_MAX_LINES, `expected README.md to have at most ${README_MAX_LINES} lines; got ${lines}`);
});

test('the code-span path filter keeps repository paths and leaves out the rest', () => {
  const markdown = [
    '`packages/scenarios/src/catalog.ts` `e2e/` `sentry/` `node_modules/.bin` `.data/seeded.json` `DATA_DIR/mongo`',
    '`text/plain` `@sentry/react` `/health/ready` `http://localhost:4000` `web/src/**/*.test.tsx`',
    '`<service>/src/instrument.ts` `kubectl logs job/x` `$(go env GOPATH)/bin` `trace-arcade/<component>` `a/b',
    'c/d.ts`',
    '```sh',
    'cat `fenced/path.ts`',
    '```',
  ].join('\n');
  assert.deepEqual(repoPaths(markdown), ['packages/scenarios/src/catalog.ts', 'e2e/', 'sentry/']);
});

for (const doc of TOP_LEVEL_DOCS) {
  test(`${doc}: every backticked repository path and every relative link exists`, () => {
    const markdown = read(doc);
    const missingPaths = repoPaths(markdown).filter((span) => !exists(span));
    assert.deepEqual(
      missingPaths,
      [],
      `expected every backticked repository path in ${doc} to exist; got missing: ${missingPaths.join(', ')}`,
    );
    const docDir = path.posix.dirname(doc);
    const missingLinks = relativeLinks(markdown).filter((target) => !exists(path.posix.join(docDir, target)));
    assert.deepEqual(missingLinks, [], `expected every relative link in ${doc} to resolve; got broken: ${missingLinks.join(', ')}`);
  });
}

test("the README's scenario table links each scenario's page and every file of its code", () => {
  const readme = read('README.md').split('\n');
  for (const scenario of SCENARIOS) {
    const row = readme.find((line) => line.startsWith(`| [\`${scenario.name}\`](${scenario.docs})`));
    assert.ok(row, `expected a README table row that opens with [\`${scenario.name}\`](${scenario.docs}); got none`);
    const missing = scenario.code.filter((file) => !row.includes(`[\`${file}\`](${file})`));
    assert.deepEqual(missing, [], `expected the README row of ${scenario.name} to link its code; got no link to: ${missing.join(', ')}`);
  }
});

/**
 * The part of Sentry's search syntax (`span.op:db.connection.acquire !service:gateway`) that the
 * definitions under `sentry/` use, parsed so that the panel and the tests can apply a widget's
 * conditions to local rows. Terms are ANDed; each is `key:value`, `!key:value`, `key:[a,b]`,
 * `key:>N` (also `<`, `>=`, `<=`), `has:key` or `!has:key`; a value may be quoted and may hold `*`
 * wildcards. Anything else (`OR`, parentheses, free text) is refused with a message that names
 * the term, rather than read some other way than Sentry would.
 */

export type Comparison = '>' | '<' | '>=' | '<=';

export type SearchTerm =
  | { kind: 'match'; key: string; negated: boolean; values: string[] }
  | { kind: 'compare'; key: string; negated: boolean; operator: Comparison; value: number }
  | { kind: 'has'; key: string; negated: boolean };

export class SearchQueryError extends Error {
  override name = 'SearchQueryError';
}

/** Splits on whitespace outside double quotes and brackets. */
function tokens(query: string): string[] {
  const found: string[] = [];
  let current = '';
  let quoted = false;
  let bracketed = false;
  for (const character of query) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && character === '[') bracketed = true;
    else if (!quoted && character === ']') bracketed = false;
    if (/\s/.test(character) && !quoted && !bracketed) {
      if (current) found.push(current);
      current = '';
    } else current += character;
  }
  if (quoted) throw new SearchQueryError(`search query: expected a closing double quote; got ${JSON.stringify(query)}`);
  if (current) found.push(current);
  return found;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replaceAll('\\"', '"') : value;
}

function parseTerm(token: string): SearchTerm {
  const negated = token.startsWith('!');
  const body = negated ? token.slice(1) : token;
  const colon = body.indexOf(':');
  if (colon <= 0 || /^(OR|AND)$/i.test(body) || body.startsWith('(')) {
    throw new SearchQueryError(
      `search query: expected terms like key:value, !key:value, key:[a,b], key:>N or has:key, ANDed; got ${JSON.stringify(token)}`,
    );
  }
  const key = body.slice(0, colon);
  const rest = body.slice(colon + 1);
  if (key === 'has') return { kind: 'has', key: unquote(rest), negated };
  const comparison = /^(>=|<=|>|<)(-?\d+(?:\.\d+)?)$/.exec(rest);
  if (comparison) return { kind: 'compare', key, negated, operator: comparison[1] as Comparison, value: Number(comparison[2]) };
  if (rest.startsWith('[') && rest.endsWith(']')) {
    const values = rest
      .slice(1, -1)
      .split(',')
      .map((value) => unquote(value.trim()))
      .filter((value) => value !== '');
    if (values.length === 0) throw new SearchQueryError(`search query: expected at least one value in ${JSON.stringify(token)}`);
    return { kind: 'match', key, negated, values };
  }
  if (rest === '') throw new SearchQueryError(`search query: expected a value after ${JSON.stringify(`${key}:`)}`);
  return { kind: 'match', key, negated, values: [unquote(rest)] };
}

/** The terms of `query` (an empty query has none and matches everything). */
export function parseSearchQuery(query: string): SearchTerm[] {
  return tokens(query).map(parseTerm);
}

function wildcardMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${expression}$`).test(value);
}

/** A local row: attribute values by Sentry's key for them. */
export type Row = Readonly<Record<string, string | number | boolean | undefined>>;

function termHolds(term: SearchTerm, row: Row): boolean {
  const value = row[term.key];
  if (term.kind === 'has') return value !== undefined && value !== '';
  if (value === undefined) return false;
  if (term.kind === 'compare') {
    const number = Number(value);
    if (Number.isNaN(number)) return false;
    if (term.operator === '>') return number > term.value;
    if (term.operator === '<') return number < term.value;
    if (term.operator === '>=') return number >= term.value;
    return number <= term.value;
  }
  return term.values.some((pattern) => wildcardMatches(pattern, String(value)));
}

/** Whether `row` satisfies every term (a negated term: its opposite; a negated match on a missing key holds). */
export function rowMatches(terms: readonly SearchTerm[], row: Row): boolean {
  return terms.every((term) => termHolds(term, row) !== term.negated);
}

import type { SentrySpan } from './sentry-event.js';

/**
 * Sentry computes a span's `hash` from its normalized description in Relay; here the description
 * with literals replaced stands for it.
 */
export function spanHash(span: Pick<SentrySpan, 'op' | 'description'>): string | undefined {
  if (!span.description) return undefined;
  return `${span.op}:${span.description
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\$\d+/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\((?:\s*\?\s*,)+\s*\?\s*\)/g, '(?)')}`;
}

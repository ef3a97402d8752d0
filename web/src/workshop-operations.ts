/**
 * The attendee's own operations: for an exercise whose version is an operation the client sends (a
 * file of the exercise with no service, such as `workshop/federation-waterfall.graphql`), "Run yours"
 * sends that file as it is. Imported as text (`?raw`), so the dev server hot-reloads the panel when
 * the attendee saves the file; the production build holds the file as it was when built.
 */
import type { Exercise } from '@trace-arcade/scenarios';
import { gql } from 'urql';

/** Every `.graphql` file of the repository's `workshop/`, keyed by its repo-relative path. */
const OPERATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('../../workshop/*.graphql', { query: '?raw', import: 'default', eager: true })).map(
    ([file, text]) => [file.replace(/^\.\.\/\.\.\//, ''), text],
  ),
);

/**
 * The attendee's operation for `exercise`; undefined when the attendee's version is service code.
 * Throws, naming the file, when it is not a GraphQL document (the client parses it before sending).
 */
export function attendeeOperation(exercise: Exercise): string | undefined {
  const file = exercise.files.find((candidate) => !candidate.service);
  if (!file) return undefined;
  const text = OPERATIONS[file.path];
  if (text === undefined) {
    throw new Error(
      `${file.path}: the panel has no such operation (it bundles ${Object.keys(OPERATIONS).join(', ') || 'no file'} of workshop/*.graphql)`,
    );
  }
  try {
    gql(text);
  } catch (error) {
    throw new Error(`${file.path} is not a GraphQL operation: ${(error as Error).message}`, { cause: error });
  }
  return text;
}

/**
 * The files of a definitions folder laid out like the repository's `sentry/`: `dashboards/*.json`
 * and `alerts/*.json`, in name order, each with its parsed body, or why it is not JSON (a file that
 * does not parse is reported by whoever reads it, never a crash). Node only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type DefinitionKind = 'dashboard' | 'alert';

export interface DefinitionFile {
  kind: DefinitionKind;
  /** `<label>/dashboards/<name>.json`, with forward slashes: `sentry/dashboards/n-plus-one.json`. */
  file: string;
  /** The parsed body, or `undefined` when the file is not JSON. */
  body: unknown;
  /** Why the file could not be read as JSON. */
  parseError?: string;
}

const FOLDERS: readonly [DefinitionKind, string][] = [
  ['dashboard', 'dashboards'],
  ['alert', 'alerts'],
];

/** Every definition file under `dir` (a missing subfolder holds none), named for messages as under `label`. */
export function readDefinitionFiles(dir: string, label: string = dir): DefinitionFile[] {
  const files: DefinitionFile[] = [];
  for (const [kind, folder] of FOLDERS) {
    const absolute = join(dir, folder);
    if (!existsSync(absolute)) continue;
    const names = readdirSync(absolute, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      const file = `${label.replace(/[\\/]+$/, '')}/${folder}/${name}`;
      const text = readFileSync(join(absolute, name), 'utf8');
      try {
        files.push({ kind, file, body: JSON.parse(text) as unknown });
      } catch (error) {
        files.push({ kind, file, body: undefined, parseError: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return files;
}

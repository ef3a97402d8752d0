import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The workshop attendee's files this process was started with (`src/workshop/*.ts` beside the
 * service's `dist/`), each with the SHA-256 of its text, read once at start-up: `GET /workshop`
 * serves them, so that the workshop checker knows when the service runs the file as it is now
 * (the stack rebuilds and restarts a service when its file changes). Empty where there is no
 * source (an image) or no exercise (the gateway, the payment provider).
 */
export function workshopSources(mainScript: string | undefined = process.argv[1]): Record<string, string> {
  if (!mainScript) return {};
  const directory = path.resolve(path.dirname(mainScript), '..', 'src', 'workshop');
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.ts'));
  } catch {
    return {};
  }
  return Object.fromEntries(names.sort().map((name) => [name, sha256(readFileSync(path.join(directory, name)))]));
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

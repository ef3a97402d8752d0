import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SUPERGRAPH_FILE, composeSupergraph } from './supergraph.js';

try {
  writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
  console.log(`wrote ${fileURLToPath(SUPERGRAPH_FILE)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

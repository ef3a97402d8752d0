/**
 * What `npm run workshop` uses of the stack. Its own entry point (`@trace-arcade/stack/workshop-api`)
 * so that the command loads none of the database drivers and servers the stack's index brings:
 * `hint`, `solution` and `reset` answer at once.
 */
export { loadStackConfig, type StackConfig } from './config.js';
export { REPO_ROOT } from './paths.js';
export { waitForHttpOk } from './readiness.js';
export { runTsc } from './workshop-watcher.js';

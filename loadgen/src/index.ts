/**
 * The load generator as a library: the pieces `npm run load` (src/main.ts) is made of, for the
 * benchmarks that drive the same load themselves.
 */
export { fetchCatalog, selectScenarios, type CatalogScenario } from './catalog.js';
export { createMix, type Pick } from './mix.js';
export { runLoad, type LoadPlan } from './run-load.js';
export { LoadStats, type Sample, type SummaryRow } from './stats.js';

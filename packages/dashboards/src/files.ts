// Node-only: the definition files under sentry/, read, validated, and ready to apply.
export { readDefinitionFiles, type DefinitionFile, type DefinitionKind } from './definition-files.js';
export {
  DEFAULT_DEFINITIONS_DIR,
  DefinitionError,
  loadDefinitions,
  type AlertRuleDefinition,
  type DashboardDefinition,
  type Definition,
} from './load-definitions.js';
export { formatDefinitionProblem, validateDefinitionFiles, validateDefinitions, type DefinitionProblem } from './validate-definitions.js';

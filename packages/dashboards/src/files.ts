// Node-only: the definition files under sentry/, read and validated.
export {
  formatDefinitionProblem,
  loadDefinitions,
  validateDefinitionFiles,
  validateDefinitions,
  type DefinitionFile,
  type DefinitionKind,
  type DefinitionProblem,
} from './validate-definitions.js';

// Each rule set here has a reason; everything else is the recommended set.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Generated resolver types (`npm run codegen`) are checked for staleness by a test, not linted.
  { ignores: ['**/dist/**', '**/node_modules/**', 'tools/**', '.data/**', 'web/dist/**', 'subgraphs/*/src/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `import type` keeps type-only imports out of the emitted JavaScript (verbatimModuleSyntax).
      '@typescript-eslint/consistent-type-imports': 'error',
      // Unused variables are dead code; a leading underscore marks one that is deliberately ignored.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);

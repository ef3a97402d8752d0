// Each rule set here has a reason; everything else is the recommended set.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Generated resolver types (`npm run codegen`) are checked for staleness by a test, not linted.
  { ignores: ['**/dist/**', '**/node_modules/**', 'tools/**', '.data/**', 'web/dist/**', 'subgraphs/*/src/generated/**'] },
  js.configs.recommended,
  // Type-aware rules: a promise nobody awaits or handles (a lost rejection, a race) is caught here.
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  {
    rules: {
      // `import type` keeps type-only imports out of the emitted JavaScript (verbatimModuleSyntax).
      '@typescript-eslint/consistent-type-imports': 'error',
      // Unused variables are dead code; a leading underscore marks one that is deliberately ignored.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // node:test's `test` and `describe` return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      // Apollo plugin hooks and test doubles implement async interfaces without awaiting anything;
      // a forgotten await is what no-floating-promises catches.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // This file is in no tsconfig; the workshop's exercise files are type-checked where the workshop
  // copies them, inside a service's `src/` (their imports are relative to that place).
  { files: ['eslint.config.js', 'workshop/exercises/**'], ...tseslint.configs.disableTypeChecked },
);

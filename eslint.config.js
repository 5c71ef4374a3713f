import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.zava-test/**', 'node_modules/**', 'bench/results/**', 'test/fixtures/generated/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // Tools, searches, reports and charts act through a store session; nothing there may
    // reach the database port, an engine, or the transactions of the owner role.
    files: ['src/mcp/**', 'src/search/**', 'src/services/salesReports/**', 'src/services/charts/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/db/openDatabase.js', '**/db/database.js', '**/db/driver.js', '**/db/pglite/*', '**/db/postgres/*'], message: 'use the StoreSession you were given' },
            { group: ['**/db/port.js'], importNames: ['DatabasePort', 'TransactionSession', 'TransactionOptions'], message: 'use the StoreSession you were given' },
            { group: ['**/tenant/withStoreContext.js', '**/tenant/storeSessions.js'], message: 'sessions are made where the binding is decided, not here' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);

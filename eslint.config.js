import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // assembly/*.ts is AssemblyScript (decorators on functions, wasm types): asc checks it, not the TS parser.
    ignores: [
      'dist/',
      'dist-bench/',
      'node_modules/',
      'coverage/',
      'runs/',
      'tmp/',
      'assembly/**/*.ts',
      '**/*.generated.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);

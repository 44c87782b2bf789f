'use strict';
// ESLint (flat config) for the package's own JavaScript, its tests, scripts, and the Node
// examples and benchmark (`make test-node` runs it; formatting is prettier's job).
const js = require('@eslint/js');
const globals = require('globals');

module.exports = [
  { ignores: ['**/node_modules/', '**/native/'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    rules: {
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      strict: ['error', 'global'],
    },
  },
  {
    // ES modules are strict already; the examples are published as a user writes them.
    files: ['**/*.mjs', '**/examples/node/*.js'],
    rules: { strict: 'off' },
  },
];

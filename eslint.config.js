// ESLint for the extension's own code: plain browser JavaScript, no build
// step. The service worker is an ES module; content scripts and the pages'
// scripts are classic scripts. All of them share one declared global,
// `riserbo`, which each file fills in (see extension/content/namespace.js).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['extension/core/**', 'extension/ocr/vendor/**'] },
  js.configs.recommended,
  {
    files: ['extension/**/*.js'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.webextensions, riserbo: 'writable' },
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['extension/content/**/*.js', 'extension/shared/**/*.js', 'extension/popup/**/*.js',
      'extension/options/**/*.js', 'extension/ocr/read.js'],
    languageOptions: { sourceType: 'script' },
  },
];

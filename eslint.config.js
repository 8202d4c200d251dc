// ESLint for the extension's own code: plain browser JavaScript, no build
// step. The service worker is an ES module; content scripts and the pages'
// scripts are classic scripts that share the globals declared below.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['extension/core/**'] },
  js.configs.recommended,
  {
    files: ['extension/**/*.js'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.webextensions },
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
      'extension/options/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { riserbo: 'writable', riserboSettings: 'writable', riserboSites: 'writable', riserboI18n: 'writable',
        riserboNotices: 'writable' },
    },
  },
];

// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Layering (in the spirit of VS Code's `code-layering`): shared/ ← main/, preload/, renderer/.
 * The engine in main/ never imports electron; only main/electron/ does. A wrong import fails `npm test`.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'stream', 'zlib', 'url', 'util', 'events'];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'tests/output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', window: 'readonly', document: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', performance: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(nodeBuiltins, 'shared/ is plain TypeScript: no Node built-ins.'),
            pattern(['electron', 'electron/*'], 'shared/ must not import electron.'),
            pattern(['react', 'react-dom', 'react/*'], 'shared/ must not import React.'),
            pattern(['better-sqlite3', 'nodemailer', '@mailchimp/*'], 'shared/ must not import runtime libraries of main.'),
            pattern(['**/main/**', '**/renderer/**', '**/preload/**', '../main*', '../renderer*', '../preload*'], 'shared/ is the bottom layer.'),
          ],
        },
      ],
    },
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*', 'electron-log', 'electron-log/*'], 'The engine is plain Node: only main/electron/ may import electron.'),
            pattern(['react', 'react-dom', 'react/*'], 'main/ must not import React.'),
            pattern(['**/renderer/**', '**/preload/**'], 'main/ must not import renderer/ or preload/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(nodeBuiltins, 'The renderer is sandboxed: no Node built-ins.'),
            pattern(['electron', 'electron/*'], 'The renderer talks to main only through window.barsy.'),
            pattern(['**/main/**', '**/preload/**'], 'renderer/ may import shared/ only.'),
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [pattern(['**/main/**', '**/renderer/**'], 'preload/ may import shared/ and electron only.')] },
      ],
    },
  },
);

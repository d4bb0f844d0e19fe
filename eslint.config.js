// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * The layer boundaries are enforced here, not by hope (see DESIGN.md "The parts"):
 * - only src-main/electron/** may import `electron` (everything else must run in plain Node or a browser);
 * - only the IPC registration and the preload may touch ipcMain / ipcRenderer (everything else goes through the
 *   typed contract and the dispatcher);
 * - src-shared is pure TypeScript: no Node built-ins, no DOM globals, no Electron;
 * - src-renderer runs in a sandboxed renderer or a plain browser: no Node built-ins.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const electronBanned = {
  name: 'electron',
  message: 'Only src-main/electron/ may import electron (the rest is tested in plain Node).',
};
const electronLogBanned = {
  group: ['electron-log/main', 'electron-log/renderer', 'electron-log/preload'],
  message: 'electron-log adapters belong in src-main/electron/.',
};
const nodeBanned = { group: nodeBuiltins, message: 'This layer must not depend on Node built-ins.' };

/** @param {object[]} paths @param {object[]} patterns */
const restrict = (paths, patterns) => ['error', { paths, patterns }];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'test-results/**',
      'bench-results/**',
      '.resetdesk-data/**',
      'test/lint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([electronBanned], [nodeBanned, electronLogBanned]),
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', 'require'].map(
          (name) => ({ name, message: 'src-shared is pure TypeScript: no DOM or Node globals.' }),
        ),
      ],
    },
  },
  {
    files: ['src-renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([electronBanned], [nodeBanned, electronLogBanned]),
      'no-restricted-globals': ['error', { name: 'process', message: 'The renderer has no Node.' }],
    },
  },
  {
    files: ['src-server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': restrict([electronBanned], [electronLogBanned]) },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': restrict([electronBanned], [electronLogBanned]) },
  },
  {
    // Inside the adapter: electron is fine, but raw IPC only where the contract is registered / bridged.
    files: ['src-main/electron/**/*.ts'],
    ignores: ['src-main/electron/ipc-registration.ts', 'src-main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            name: 'electron',
            importNames: ['ipcMain', 'ipcRenderer'],
            message: 'Raw IPC only in ipc-registration.ts and preload.ts: use the typed IPC contract.',
          },
        ],
        [],
      ),
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': restrict([electronBanned], []) },
  },
);

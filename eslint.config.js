// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import resetdesk from './scripts/eslint-rules/server-layers.mjs';

/**
 * The layer boundaries are enforced here, not by hope (docs/architecture.md; checked by test/lint/):
 * - only src-main/electron/** may import `electron` (everything else must run in plain Node or a browser);
 * - only the IPC registration and the preload may touch ipcMain / ipcRenderer (everything else goes through the
 *   typed contract and the dispatcher);
 * - src-shared is pure TypeScript: no Node built-ins, no DOM globals, no Electron, no other package;
 * - src-renderer runs in a sandboxed renderer or a plain browser: no Node built-ins, no server or main-process code;
 * - the packages talk over HTTP and IPC only: none imports another's source (src-shared is what they share);
 * - inside src-server/src, a file imports only its own layer or a lower one (SERVER_LAYERS below).
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
/** @param {string} pkg @param {string} why */
const packageBanned = (pkg, why) => ({ group: [`**/${pkg}/**`, `**/${pkg}`], message: `${pkg}: ${why}` });
const serverBanned = packageBanned('src-server', 'the server is reached over HTTP, never imported.');
const mainBanned = packageBanned('src-main', 'the main process is reached over IPC, never imported.');
const rendererBanned = packageBanned('src-renderer', 'the renderer is a client; nothing imports it.');
const serverPackageBanned = { name: '@resetdesk/server', message: 'The server is reached over HTTP, never imported.' };

/**
 * src-server/src, highest layer first (src-server/src/README.md says what each holds and why). A file imports only
 * its own layer or a lower one. A named file beats a name pattern, which beats its folder:
 * - config/server-config.ts, config-schema.ts and config-layers.ts compose every part's settings schema (the policy,
 *   directory, delivery, trusted proxies, the demo's defaults), so they sit with the entry layer that reads them; the
 *   setting pieces beside them (secret-ref.ts, config-file.ts) are base;
 * - migrations and table types live beside the feature that owns the table but depend only on kysely and store/,
 *   so they are storage: store/migrations.ts lists them without importing a feature.
 */
const SERVER_LAYERS = [
  {
    name: '1 entry',
    paths: ['index.ts', 'runtime/', 'cli/', 'config/server-config.ts', 'config/config-schema.ts', 'config/config-layers.ts'],
  },
  { name: '2 edges', paths: ['http/', 'demo/'] },
  { name: '3 flows', paths: ['flows/'] },
  {
    name: '4 features',
    paths: ['methods/', 'policy/', 'password/', 'captcha/', 'help-requests/', 'devices/', 'wasnt-me/'],
  },
  {
    name: '5 services',
    paths: ['directory/', 'delivery/', 'throttle/', 'audit/', 'secrets/', 'metrics/'],
  },
  { name: '6 storage', paths: ['store/', '*-migration.ts', '*-tables.ts'] },
  { name: '7 base', paths: ['messages/', 'config/', 'support/', 'errors/', 'version.ts'] },
];

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
      'no-restricted-imports': restrict(
        [electronBanned, serverPackageBanned],
        [nodeBanned, electronLogBanned, serverBanned, mainBanned, rendererBanned],
      ),
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
      'no-restricted-imports': restrict(
        [electronBanned, serverPackageBanned],
        [nodeBanned, electronLogBanned, serverBanned, mainBanned],
      ),
      'no-restricted-globals': ['error', { name: 'process', message: 'The renderer has no Node.' }],
    },
  },
  {
    files: ['src-server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { resetdesk },
    rules: {
      'no-restricted-imports': restrict([electronBanned], [electronLogBanned, mainBanned, rendererBanned]),
      'resetdesk/server-layers': ['error', { root: 'src-server/src', layers: SERVER_LAYERS }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrict(
        [electronBanned, serverPackageBanned],
        [electronLogBanned, serverBanned, rendererBanned],
      ),
    },
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
          serverPackageBanned,
        ],
        [serverBanned, rendererBanned],
      ),
    },
  },
  {
    files: ['src-main/electron/ipc-registration.ts', 'src-main/electron/preload.ts'],
    rules: { 'no-restricted-imports': restrict([serverPackageBanned], [serverBanned, rendererBanned]) },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': restrict([electronBanned], []) },
  },
);

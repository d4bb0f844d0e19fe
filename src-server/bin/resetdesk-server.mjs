#!/usr/bin/env node
// `resetdesk-server` as npm links it (package.json "bin"). The bin must be a file in the repository: npm links bins at
// install time, before any build, and silently skips one whose file does not exist yet, so pointing at the bundle left
// a fresh checkout without the command. This runs the built bundle when there is one, else the TypeScript source
// through tsx (a development dependency: a checkout that has not been built has them).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/resetdesk-server.js', import.meta.url);
const source = new URL('../src/cli/main.ts', import.meta.url);

if (existsSync(fileURLToPath(bundle))) {
  await import(bundle.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('resetdesk-server: not built and tsx is not installed: run `npm ci` then `npm run build`.\n');
    process.exit(1);
  }
  register();
  await import(source.href);
}

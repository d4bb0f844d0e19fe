#!/usr/bin/env node
// Builds what ResetDesk runs: the reset server bundle, the Electron main + preload bundles, and the renderer.
// `node scripts/build.mjs` builds everything; `node scripts/build.mjs server renderer` builds only those parts.
import { build as esbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { precompressAssets } from './precompress-assets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const rootPkg = readJson('package.json');
const serverPkg = readJson('src-server/package.json');

// Workspace packages are TypeScript sources: bundle them. Real dependencies stay external (installed beside the bundle).
const externalsOf = (pkg) => Object.keys(pkg.dependencies ?? {}).filter((name) => !name.startsWith('@resetdesk/'));

const targets = {
  async server() {
    await esbuild({
      entryPoints: [path.join(root, 'src-server/src/cli/main.ts')],
      outfile: path.join(root, 'src-server/dist/resetdesk-server.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: true,
      external: externalsOf(serverPkg),
      banner: { js: '#!/usr/bin/env node' },
      define: { 'process.env.RESETDESK_BUILD_VERSION': JSON.stringify(serverPkg.version) },
      logLevel: 'warning',
    });
  },
  async main() {
    const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };
    await esbuild({
      ...common,
      entryPoints: [path.join(root, 'src-main/electron/main.ts')],
      outfile: path.join(root, 'dist/main/main.js'),
      format: 'esm',
      external: ['electron', ...externalsOf(rootPkg)],
      define: { 'process.env.RESETDESK_BUILD_VERSION': JSON.stringify(rootPkg.version) },
    });
    // A sandboxed preload can require only `electron` and a few built-ins: bundle everything else into one CJS file.
    await esbuild({
      ...common,
      entryPoints: [path.join(root, 'src-main/electron/preload.ts')],
      outfile: path.join(root, 'dist/main/preload.cjs'),
      format: 'cjs',
      external: ['electron'],
    });
  },
  async renderer() {
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'src-renderer/vite.config.ts'), logLevel: 'warn' });
    precompressAssets(path.join(root, 'dist/renderer'));
  },
};

const requested = process.argv.slice(2);
const names = requested.length > 0 ? requested : Object.keys(targets);
for (const name of names) {
  const target = targets[name];
  if (!target) {
    console.error(`Unknown build target "${name}". Known: ${Object.keys(targets).join(', ')}`);
    process.exit(2);
  }
  const started = Date.now();
  await target();
  console.log(`built ${name} in ${Date.now() - started} ms`);
}

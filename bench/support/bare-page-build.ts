import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { precompressAssets } from '../../scripts/precompress-assets.mjs';

/** Builds bench/bare-page with the wizard's Vite settings (and the same precompression) into outDir. */
export async function buildBarePage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: path.resolve('bench/bare-page'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, modulePreload: { polyfill: false }, sourcemap: false },
  });
  precompressAssets(outDir);
}

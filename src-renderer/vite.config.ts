import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// Relative base: the same build is loaded from a file/custom protocol by Electron and from "/" by the reset server.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or data: URLs for scripts, so the page runs under "script-src 'self'".
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // React DOM + Fluent + zod are ~520 kB minified (~150 kB gzipped) in one chunk; splitting would not load less.
    chunkSizeWarningLimit: 600,
  },
});

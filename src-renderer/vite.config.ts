import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Puts the entry's style sheet (global.css: the first screen's whole look, a few KB) into index.html as a <style>
 * element instead of a <link>: one render-blocking request less before the first paint. The CSP allows inline
 * styles already (Fluent UI inserts its own at run time); scripts stay external.
 */
function inlineFirstScreenCss(): Plugin {
  return {
    name: 'resetdesk-inline-first-screen-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      if (html?.type !== 'asset' || typeof html.source !== 'string') return;
      let source = html.source;
      for (const [fileName, file] of Object.entries(bundle)) {
        if (file.type !== 'asset' || !fileName.endsWith('.css')) continue;
        const link = new RegExp(`<link rel="stylesheet"[^>]*href="\\./${fileName.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}"[^>]*>`, 'u');
        if (!link.test(source)) continue;
        source = source.replace(link, () => `<style>${String(file.source)}</style>`);
        Reflect.deleteProperty(bundle, fileName);
      }
      html.source = source;
    },
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));

// Relative base: the same build is loaded from a file/custom protocol by Electron and from "/" by the reset server.
export default defineConfig({
  root,
  base: './',
  plugins: [react(), inlineFirstScreenCss()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or data: URLs for scripts, so the page runs under "script-src 'self'".
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // The entry is React DOM and the first screen (~230 kB minified); Fluent, zod and later screens are own chunks.
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React, the store and the texts are shared by every chunk, so they would each get a chunk of their own
          // that the first screen loads too: one chunk for all of it means fewer requests and modules to link
          // before the User ID field is usable. Languages other than English stay chunks of their own (translator.ts).
          groups: [{ name: 'first-screen', test: /rolldown[\\/]runtime|node_modules[\\/](react|react-dom|scheduler|zustand)[\\/]|src-renderer[\\/]src[\\/](state[\\/]|i18n[\\/](?!languages[\\/](?!en\.json)))/u }],
        },
      },
    },
  },
});

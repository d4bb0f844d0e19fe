// @ts-check
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';

/**
 * resetdesk/server-layers: a file under the root (src-server/src) imports only files of its own layer or a lower one.
 * The layers come from the rule's options, highest first (eslint.config.js holds them, src-server/src/README.md
 * explains them). Each layer lists paths relative to the root:
 *   'cli/'              a folder, everything under it;
 *   'index.ts'          one file (a file beats the folder it is in);
 *   '*-migration.ts'    a file name pattern, in any folder (beats a folder; loses to a named file).
 * A file that no layer claims is reported too, so a new folder has to be given a place before it can be used.
 * Only relative imports are followed: packages are checked by no-restricted-imports.
 */

/** @typedef {{ name: string, paths: string[] }} Layer */

/** @param {string} pattern */
const patternToRegExp = (pattern) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`, 'u');

/**
 * @param {Layer[]} layers
 * @returns {(file: string) => { index: number, name: string } | null} a root-relative posix path to its layer
 */
function layerLookup(layers) {
  /** @type {{ index: number, name: string, folder?: string, file?: string, pattern?: RegExp }[]} */
  const entries = layers.flatMap((layer, index) =>
    layer.paths.map((path) => {
      if (path.endsWith('/')) return { index, name: layer.name, folder: path };
      if (path.includes('*')) return { index, name: layer.name, pattern: patternToRegExp(path) };
      return { index, name: layer.name, file: path };
    }),
  );
  return (file) => {
    const base = posix.basename(file);
    const exact = entries.find((e) => e.file === file);
    if (exact) return exact;
    const named = entries.find((e) => e.pattern?.test(base));
    if (named) return named;
    const folders = entries.filter((e) => e.folder !== undefined && file.startsWith(e.folder));
    folders.sort((a, b) => (b.folder?.length ?? 0) - (a.folder?.length ?? 0));
    return folders[0] ?? null;
  };
}

/** @type {import('eslint').Rule.RuleModule} */
export const serverLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'A server folder imports only its own layer or a lower one (src-server/src/README.md).' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: {
            type: 'array',
            items: {
              type: 'object',
              properties: { name: { type: 'string' }, paths: { type: 'array', items: { type: 'string' } } },
              required: ['name', 'paths'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward:
        "{{from}} ({{fromLayer}}) must not import {{to}} ({{toLayer}}): a file imports only its own layer or a lower " +
        'one (src-server/src/README.md, rule in scripts/eslint-rules/server-layers.mjs).',
      unplaced:
        '{{file}} is in no layer of src-server/src: add its folder to the layer table in eslint.config.js and ' +
        'src-server/src/README.md.',
    },
  },
  create(context) {
    const { root, layers } = /** @type {{ root: string, layers: Layer[] }} */ (context.options[0]);
    const absoluteRoot = resolve(context.cwd, root);
    const toRoot = (/** @type {string} */ path) => relative(absoluteRoot, path).split(sep).join('/');
    const inRoot = (/** @type {string} */ rel) => rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    const fromFile = toRoot(resolve(context.cwd, context.filename));
    if (!inRoot(fromFile)) return {};
    const layerOf = layerLookup(layers);
    const fromLayer = layerOf(fromFile);

    /** @param {import('estree').Node & { source?: unknown }} node */
    const check = (node) => {
      const source = /** @type {{ type?: string, value?: unknown } | null | undefined} */ (node.source);
      if (source?.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      // `./x` and `./x.js` are x.ts (or x.tsx), a folder is its index.ts; a file not there yet counts as x.ts.
      const base = join(dirname(resolve(context.cwd, context.filename)), source.value.replace(/\.js$/u, ''));
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
        (candidate) => /\.tsx?$/u.test(candidate) && existsSync(candidate),
      );
      const target = toRoot(found ?? `${base}.ts`);
      if (!inRoot(target)) return;
      const toLayer = layerOf(target);
      if (!fromLayer || !toLayer || toLayer.index >= fromLayer.index) return;
      context.report({
        node,
        messageId: 'upward',
        data: { from: fromFile, fromLayer: fromLayer.name, to: target, toLayer: toLayer.name },
      });
    };

    return {
      Program(node) {
        if (!fromLayer) context.report({ node, messageId: 'unplaced', data: { file: fromFile } });
      },
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'server-layers': serverLayers } };

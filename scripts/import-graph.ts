import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// The relative-import graph of a source tree, and the cycles in it. A regex is enough here: the sources use only
// static `import ... from '...'`, `export ... from '...'` and `import('...')` with literal specifiers. Type-only
// imports count too: a type cycle is still two files that cannot be understood apart.
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

/** File (relative to root) -> the files it imports (relative to root), for imports that stay inside root. */
export function importGraph(root: string): Map<string, string[]> {
  const absoluteRoot = resolve(root);
  const fromRoot = (path: string) => relative(absoluteRoot, path).split(sep).join('/');
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(absoluteRoot)) {
    const targets = new Set<string>();
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      if (!specifier.startsWith('.')) continue;
      const target = resolveImport(file, specifier);
      if (target?.startsWith(absoluteRoot)) targets.add(fromRoot(target));
    }
    graph.set(fromRoot(file), [...targets].sort());
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the path of files that closes on its first element. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

// `node --import tsx scripts/import-graph.ts [root]` prints the cycles and exits non-zero when there is one.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const cycles = findCycles(importGraph(process.argv[2] ?? 'src-server/src'));
  for (const cycle of cycles) console.log(cycle.join(' -> '));
  process.exitCode = cycles.length > 0 ? 1 : 0;
}

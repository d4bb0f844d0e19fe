import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../../scripts/import-graph';

// The server's layer table (src-server/src/README.md) checked through the real eslint.config.js: an upward import is
// a lint error, the table in the config is the one in the README, and src-server/src has no import cycle.
const eslint = new ESLint({ cwd: process.cwd() });
const LAYER_RULE = 'resetdesk/server-layers';

async function messagesFor(filePath: string, code: string, ruleId = LAYER_RULE): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

describe('server layers (scripts/eslint-rules/server-layers.mjs)', () => {
  it('fails lint on a real file in store/ that imports http/', async () => {
    // A file on disk, removed afterwards: the rule is run as `npm run lint` runs it, on a file in the tree.
    const file = join('src-server/src/store', `lint-probe-${process.pid}.ts`);
    writeFileSync(file, "import { buildApp } from '../http/app';\nexport const probe = buildApp;\n");
    try {
      const [result] = await eslint.lintFiles([file]);
      const layerErrors = (result?.messages ?? []).filter((m) => m.ruleId === LAYER_RULE);
      expect(layerErrors).toHaveLength(1);
      expect(layerErrors[0]?.severity).toBe(2);
      expect(layerErrors[0]?.message).toContain('(6 storage) must not import http/app.ts (2 edges)');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('catches every form of upward import: type-only, re-export, dynamic', async () => {
    const code = [
      "import type { FlowEngine } from '../flows/engine/flow-engine';",
      "export { buildApp } from '../http/app';",
      "export * from '../runtime/server-runtime';",
      "export const later = () => import('../cli/main');",
      'export type E = FlowEngine;',
      '',
    ].join('\n');
    const messages = await messagesFor('src-server/src/policy/lint-fixture.ts', code);
    expect(messages).toHaveLength(4);
    expect(messages[0]).toContain('policy/lint-fixture.ts (4 features) must not import flows/engine/flow-engine.ts');
  });

  it('allows the own layer and lower ones', async () => {
    const code = [
      "import { ResetGuard } from '../policy/reset-guard';", // same layer, another folder
      "import { AuditLog } from '../audit/audit-log';",
      "import { openStore } from '../store/store';",
      "import { systemClock } from '../support/clock';",
      'export const all = [ResetGuard, AuditLog, openStore, systemClock];',
      '',
    ].join('\n');
    expect(await messagesFor('src-server/src/methods/lint-fixture.ts', code)).toEqual([]);
    expect(await messagesFor('src-server/src/http/lint-fixture.ts', "export * from '../flows/engine/flow-engine';\n")).toEqual(
      [],
    );
  });

  it('places server-config.ts in the entry layer and the rest of config/ in base', async () => {
    const policy = "import { resetPolicy } from '../policy/reset-policy';\nexport const p = resetPolicy;\n";
    expect(await messagesFor('src-server/src/config/server-config.ts', policy)).toEqual([]);
    expect(await messagesFor('src-server/src/config/lint-fixture.ts', policy)).toEqual([
      expect.stringContaining('(7 base) must not import policy/reset-policy.ts (4 features)'),
    ]);
    // A service may read a setting piece, but not the composed configuration.
    const config = "import type { ServerConfig } from '../config/server-config';\nexport type C = ServerConfig;\n";
    expect(await messagesFor('src-server/src/directory/lint-fixture.ts', config)).toEqual([
      expect.stringContaining('must not import config/server-config.ts (1 entry)'),
    ]);
  });

  it('treats migrations and table types as storage, wherever they sit', async () => {
    const up = "import { DeviceService } from './device-service';\nexport const d = DeviceService;\n";
    expect(await messagesFor('src-server/src/devices/lint-fixture-migration.ts', up)).toEqual([
      expect.stringContaining('(6 storage) must not import devices/device-service.ts (4 features)'),
    ]);
    const list = "export { deviceTrustMigration } from '../devices/device-migration';\n";
    expect(await messagesFor('src-server/src/store/lint-fixture.ts', list)).toEqual([]);
  });

  it('refuses a folder that no layer claims', async () => {
    expect(await messagesFor('src-server/src/newfolder/lint-fixture.ts', 'export const x = 1;\n')).toEqual([
      expect.stringContaining('is in no layer of src-server/src'),
    ]);
  });

  it('has the same table as src-server/src/README.md', async () => {
    const config = (await eslint.calculateConfigForFile('src-server/src/index.ts')) as {
      rules: Record<string, [unknown, { layers: { name: string; paths: string[] }[] }]>;
    };
    const fromConfig = config.rules[LAYER_RULE]?.[1].layers.map((l) => [l.name, [...l.paths].sort()]);
    const fromReadme = readFileSync('src-server/src/README.md', 'utf8')
      .split('\n')
      .filter((line) => /^\| \d /u.test(line))
      .map((line) => {
        const [name = '', paths = ''] = line.split('|').slice(1).map((cell) => cell.trim());
        return [name, [...paths.matchAll(/`([^`]+)`/gu)].map((m) => m[1]).sort()];
      });
    expect(fromConfig).toEqual(fromReadme);
  });
});

describe('package boundaries (eslint.config.js)', () => {
  const rule = 'no-restricted-imports';
  it('keeps src-shared free of every other package', async () => {
    const code = [
      "import { a } from '../../src-server/src/version';",
      "import { b } from '../../src-main/index';",
      "import { c } from '../../src-renderer/src/main';",
      "import d from '@resetdesk/server';",
      'export const all = [a, b, c, d];',
      '',
    ].join('\n');
    expect(await messagesFor('src-shared/src/lint-fixture.ts', code, rule)).toHaveLength(4);
  });

  it('keeps the renderer off server and main-process code, and main off the server', async () => {
    const code = "import { a } from '../../src-server/src/version';\nimport { b } from '../../src-main/index';\n";
    expect(await messagesFor('src-renderer/src/lint-fixture.ts', `${code}export const x = [a, b];\n`, rule)).toHaveLength(2);
    const server = "import { a } from '../src-server/src/version';\nexport const x = a;\n";
    expect(await messagesFor('src-main/ipc/lint-fixture.ts', server, rule)).toEqual([
      expect.stringContaining('the server is reached over HTTP'),
    ]);
  });
});

describe('import cycles (scripts/import-graph.ts)', () => {
  it('finds none in src-server/src', () => {
    const graph = importGraph('src-server/src');
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('finds a cycle through a type import, a re-export and a folder index', () => {
    const root = mkdtempSync(join(tmpdir(), 'resetdesk-cycles-'));
    try {
      mkdirSync(join(root, 'b'));
      writeFileSync(join(root, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
      writeFileSync(join(root, 'b', 'index.ts'), "export * from './c.js';\nexport type B = string;\n");
      writeFileSync(join(root, 'b', 'c.ts'), "import type { A } from '../a';\nexport type C = A;\n");
      writeFileSync(join(root, 'd.ts'), "import { x } from 'zod';\nexport const d = x;\n");
      expect(findCycles(importGraph(root))).toEqual([['a.ts', 'b/index.ts', 'b/c.ts', 'a.ts']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

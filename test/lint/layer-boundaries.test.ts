import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints source text as if it lived at a given path, so the boundary rules of eslint.config.js are checked against the
// real configuration without putting a forbidden file in the tree.
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('layer boundaries (eslint.config.js)', () => {
  it('fails lint on a deliberate electron import in src-shared', async () => {
    const messages = await boundaryMessages('src-shared/src/lint-fixture.ts', "import 'electron';\n");
    expect(messages).toEqual([expect.stringContaining('Only src-main/electron/ may import electron')]);
  });

  it('fails lint when src-shared imports Node or uses DOM globals', async () => {
    const node = await boundaryMessages(
      'src-shared/src/lint-fixture.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(node).toEqual([expect.stringContaining('must not depend on Node built-ins')]);
    const dom = await boundaryMessages('src-shared/src/lint-fixture.ts', 'export const t = document.title;\n');
    expect(dom).toEqual([expect.stringContaining('no DOM or Node globals')]);
  });

  it('fails lint when the renderer imports Node or electron', async () => {
    const messages = await boundaryMessages(
      'src-renderer/src/lint-fixture.ts',
      "import path from 'path';\nimport { ipcRenderer } from 'electron';\nexport const x = [path, ipcRenderer];\n",
    );
    expect(messages).toHaveLength(2);
  });

  it('fails lint when main-process code outside the adapter imports electron', async () => {
    const messages = await boundaryMessages(
      'src-main/ipc/lint-fixture.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(messages).toEqual([expect.stringContaining('Only src-main/electron/ may import electron')]);
  });

  it('fails lint when the server imports electron', async () => {
    const messages = await boundaryMessages('src-server/src/lint-fixture.ts', "import 'electron';\n");
    expect(messages).toHaveLength(1);
  });

  it('allows electron inside the adapter, but raw ipcMain only in the IPC registration', async () => {
    expect(
      await boundaryMessages('src-main/electron/window.ts', "import { BrowserWindow } from 'electron';\nexport const W = BrowserWindow;\n"),
    ).toEqual([]);
    expect(
      await boundaryMessages('src-main/electron/window.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n"),
    ).toEqual([expect.stringContaining('Raw IPC only in ipc-registration.ts')]);
    expect(
      await boundaryMessages(
        'src-main/electron/ipc-registration.ts',
        "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n",
      ),
    ).toEqual([]);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from '../../../src-server/src/config/server-config';
import { makeTempDir } from '../support/server-fixtures';

const temp = makeTempDir();
afterAll(() => temp.remove());

function directoryFile(name: string, content: unknown): string {
  const file = join(temp.dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('the directory setting', () => {
  it('is the built-in directory unless a directory file says otherwise', () => {
    expect(loadServerConfig({ env: {} }).directory).toEqual({ kind: 'builtin' });
    const file = directoryFile('builtin.json', { kind: 'builtin' });
    expect(loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: file } }).directory).toEqual({ kind: 'builtin' });
  });

  it('stops with a message that names the file and the setting when it is wrong', () => {
    const unknownKind = directoryFile('nis.json', { kind: 'nis' });
    expect(() => loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: unknownKind } })).toThrow(
      /directory file .*nis\.json[\s\S]*kind/u,
    );
    const extra = directoryFile('extra.json', { kind: 'builtin', url: 'ldap://x' });
    expect(() => loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: extra } })).toThrow(/url/u);
    const broken = directoryFile('broken.json', '{ "kind": ');
    expect(() => loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: broken } })).toThrow(ConfigError);
    expect(() => loadServerConfig({ env: { RESETDESK_DIRECTORY_FILE: join(temp.dir, 'missing.json') } })).toThrow(
      /Cannot read the directory file/u,
    );
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-runner';
import { SERVICE_PASSWORD, startOpenLdap } from '../support/openldap-server';
import type { OpenLdapServer } from '../support/openldap-server';
import { makeTempDir } from '../support/server-fixtures';

// `resetdesk-server directory test` as IT runs it against a real slapd: every check on its own line, a healthy
// directory exits 0, a misconfigured one exits 1 with the failing check and a hint, and no password is printed.

let slapd: OpenLdapServer;
let temp: ReturnType<typeof makeTempDir>;

function directoryFile(name: string, password: string, baseDn?: string): string {
  const secret = join(temp.dir, `${name}-password`);
  writeFileSync(secret, password);
  const settings = slapd.settings({ bindPassword: { file: secret }, ...(baseDn ? { baseDn } : {}) });
  const file = join(temp.dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(settings));
  return file;
}

const directoryTest = (file: string, ...args: string[]) =>
  runCli(join(temp.dir, 'data'), ['directory', 'test', ...args], { env: { RESETDESK_DIRECTORY_FILE: file } });

beforeAll(async () => {
  temp = makeTempDir();
  slapd = await startOpenLdap();
}, 60_000);

afterAll(async () => {
  await slapd?.stop();
  temp?.remove();
});

describe('resetdesk-server directory test', () => {
  it('passes every check of a healthy LDAP directory, the user and its rights included', async () => {
    const healthy = await directoryTest(directoryFile('healthy', SERVICE_PASSWORD), '--user', 'alice');
    expect(healthy.stdout).toMatch(/^Directory: ldap$/mu);
    for (const check of ['connect', 'bind', 'find user']) {
      expect(healthy.stdout).toMatch(new RegExp(`^ok {4}${check}\\b`, 'mu'));
    }
    expect(healthy.stdout).not.toMatch(/^FAIL/mu);
    expect(healthy.stdout).toContain('The directory is healthy.');
    expect(healthy.code).toBe(0);
  }, 120_000);

  it('fails on a wrong service password and a wrong base DN, with a hint, printing no password', async () => {
    const wrongPassword = await directoryTest(directoryFile('wrong', 'Not-The-Service-Password-1'));
    expect(wrongPassword.code).toBe(1);
    expect(wrongPassword.stdout).toMatch(/^FAIL {2}bind\b.*\n {6}hint: /mu);
    expect(wrongPassword.stdout + wrongPassword.stderr).not.toContain('Not-The-Service-Password-1');
    expect(wrongPassword.stdout + wrongPassword.stderr).not.toContain(SERVICE_PASSWORD);

    const wrongBase = await directoryTest(directoryFile('base', SERVICE_PASSWORD, 'ou=nowhere,dc=example,dc=test'));
    expect(wrongBase.code).toBe(1);
    expect(wrongBase.stdout).toMatch(/^FAIL {2}search\b/mu);
  }, 120_000);

  it('names an unreadable password setting and stops', async () => {
    const file = join(temp.dir, 'unreadable.json');
    writeFileSync(file, JSON.stringify(slapd.settings({ bindPassword: { file: join(temp.dir, 'missing') } })));
    const result = await directoryTest(file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/directory\.connection\.bindPassword: cannot read/u);
  }, 60_000);
});

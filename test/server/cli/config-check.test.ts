import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../support/cli-runner';
import { makeTempDir } from '../support/server-fixtures';

// `resetdesk-server config check` and a bad configuration at `serve`, as an administrator runs them: a real process.

const BIND_PASSWORD = 'Bind-Secret-4417';
const SMTP_PASSWORD = 'Smtp-Secret-9031';

let temp: ReturnType<typeof makeTempDir>;
let bindFile: string;

const configFile = (name: string, settings: unknown): string => {
  const file = join(temp.dir, name);
  writeFileSync(file, name.endsWith('.json') ? JSON.stringify(settings) : stringify(settings));
  return file;
};
const settings = () => ({
  server: { port: 9100 },
  policy: { organizationName: 'Fabrikam' },
  directory: {
    kind: 'activeDirectory',
    connection: {
      urls: ['ldaps://dc1.fabrikam.example'],
      security: 'ldaps',
      bindDn: 'CN=svc-resetdesk,DC=fabrikam,DC=example',
      bindPassword: { file: bindFile },
      baseDn: 'DC=fabrikam,DC=example',
    },
  },
  delivery: {
    email: {
      host: 'smtp.fabrikam.example',
      auth: { user: 'resetdesk', password: { env: 'RD_SMTP_PASSWORD' } },
      from: { address: 'no-reply@fabrikam.example' },
    },
  },
});

beforeAll(() => {
  temp = makeTempDir();
  bindFile = join(temp.dir, 'ad-password');
  writeFileSync(bindFile, `${BIND_PASSWORD}\n`);
});
afterAll(() => temp.remove());

describe('resetdesk-server config check', () => {
  it('prints the effective configuration with every secret as where it is read from, and exits 0', async () => {
    const file = configFile('server.yaml', settings());
    const env = { RESETDESK_CONFIG_FILE: file, RESETDESK_PORT: '9200', RD_SMTP_PASSWORD: SMTP_PASSWORD };
    const result = await runCli(join(temp.dir, 'data'), ['config', 'check'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`bindPassword: { file: ${bindFile} }`);
    expect(result.stdout).toContain('password: { env: RD_SMTP_PASSWORD }');
    expect(result.stdout).not.toContain(BIND_PASSWORD);
    expect(result.stdout).not.toContain(SMTP_PASSWORD);
    // Where each set value came from; the rest are defaults.
    expect(result.stdout).toContain('port: 9200 # from RESETDESK_PORT');
    expect(result.stdout).toContain(`organizationName: Fabrikam # from ${file}`);
    expect(result.stdout).toContain(`directory: # from ${file}`);
    expect(result.stdout).toMatch(/dataDir: .*data # from --data-dir/u);
    expect(result.stdout).toMatch(/codeLength: 6\n/u);
  });

  it('exits 1 naming the setting when the configuration is invalid or a secret cannot be read', async () => {
    const bad = settings();
    Object.assign(bad.delivery.email, { port: 'submission' });
    const invalid = await runCli(temp.dir, ['config', 'check'], {
      env: { RESETDESK_CONFIG_FILE: configFile('bad.json', bad), RD_SMTP_PASSWORD: SMTP_PASSWORD },
    });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.trim()).toBe(`${join(temp.dir, 'bad.json')}: delivery.email.port: expected a number`);
    expect(invalid.stdout).toBe('');

    // Valid, but the SMTP password's variable is unset: the server would stop on it, so the check does.
    const unset = await runCli(temp.dir, ['config', 'check'], { env: { RESETDESK_CONFIG_FILE: configFile('ok.yaml', settings()) } });
    expect(unset.code).toBe(1);
    expect(unset.stderr.trim()).toBe(
      'Invalid configuration: delivery.email.auth.password: the environment variable RD_SMTP_PASSWORD is not set',
    );
  });

  it('stops serve before it listens on an unknown key, with one line naming it', async () => {
    const file = configFile('typo.yaml', { server: { port: 0, hots: '0.0.0.0' } });
    const result = await runCli(temp.dir, ['serve'], { env: { RESETDESK_CONFIG_FILE: file } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${file}: server.hots: unknown key\n`);
    expect(result.stdout).not.toContain('listening');
  });

  it('still runs on the old variables alone', async () => {
    const delivery = join(temp.dir, 'delivery.json');
    writeFileSync(delivery, JSON.stringify({ email: { host: 'smtp.old.example', from: { address: 'a@old.example' } } }));
    const result = await runCli(temp.dir, ['config', 'check'], { env: { RESETDESK_DELIVERY_FILE: delivery } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`delivery: # from RESETDESK_DELIVERY_FILE (${delivery})`);
    expect(result.stdout).toContain('host: smtp.old.example');
  });
});

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/server-fixtures';

// `npx resetdesk-server --help` on a checkout that was never built. The checkout is a copy of the repository's files
// without any dist/ (what `git clone` gives); its node_modules links to this one's packages, and the workspace's bin is
// linked the way `npm ci` links it: node_modules/.bin/<name> -> the path package.json's "bin" names. Pointing "bin"
// at the bundle, which exists only after a build, leaves that link dangling and npx fails, as it used to.

const REPO = resolve('.');
let temp: ReturnType<typeof makeTempDir>;
let checkout: string;

const withoutBuilds = (path: string): boolean => !/[/\\](dist|node_modules)$/u.test(path);

function makeCheckout(): string {
  const root = join(temp.dir, 'checkout');
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.base.json']) cpSync(file, join(root, file));
  for (const dir of ['src-server', 'src-shared']) cpSync(dir, join(root, dir), { recursive: true, filter: withoutBuilds });
  const modules = join(root, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  mkdirSync(join(modules, '@resetdesk'));
  for (const entry of readdirSync(join(REPO, 'node_modules'))) {
    if (entry !== '.bin' && entry !== '@resetdesk') symlinkSync(join(REPO, 'node_modules', entry), join(modules, entry));
  }
  symlinkSync('../../src-server', join(modules, '@resetdesk/server'));
  symlinkSync('../../src-shared', join(modules, '@resetdesk/shared'));
  const { bin } = JSON.parse(readFileSync(join(root, 'src-server/package.json'), 'utf8')) as {
    bin: Record<string, string>;
  };
  for (const [name, target] of Object.entries(bin)) {
    symlinkSync(join('..', '@resetdesk/server', target), join(modules, '.bin', name));
  }
  return root;
}

function npx(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    // Only what is installed, never a download (the `--no` flag, which `npx --no x --help` would take as npx's own).
    const env = { ...process.env, RESETDESK_DEMO: undefined, npm_config_yes: 'false', npm_config_offline: 'true' };
    const child = spawn('npx', args, { cwd, env, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(() => {
  temp = makeTempDir();
  checkout = makeCheckout();
});
afterAll(() => temp.remove());

describe('the resetdesk-server command', () => {
  it('runs from a fresh checkout without a build (npx resetdesk-server --help)', async () => {
    expect(existsSync(join(checkout, 'src-server/dist'))).toBe(false);
    const result = await npx(checkout, ['resetdesk-server', '--help']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: resetdesk-server <command>');
    expect(result.stdout).toContain('config check');
  });

  it('is a file in the repository, not a build output', () => {
    const { bin } = JSON.parse(readFileSync('src-server/package.json', 'utf8')) as { bin: Record<string, string> };
    expect(Object.values(bin)).toEqual(['bin/resetdesk-server.mjs']);
    expect(existsSync('src-server/bin/resetdesk-server.mjs')).toBe(true);
  });
});

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve('src-server/src/cli/main.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `resetdesk-server` as an administrator runs it (through tsx, from source): a real process on `dataDir`, with real
 * exit codes and output, `stdin` written to it (a password), never in demo mode unless `env` says so.
 */
export function runCli(
  dataDir: string,
  args: readonly string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args, '--data-dir', dataDir], {
      env: { ...process.env, RESETDESK_DEMO: undefined, ...options.env },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

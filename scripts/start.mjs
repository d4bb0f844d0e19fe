#!/usr/bin/env node
// `npm start`: the main job on the embedded default. Builds everything, starts the reset server on SQLite with the
// built-in directory and the demo tenant, then launches the desktop app pointed at it. Where no Electron binary can be
// had (as on a machine without internet), it says so and keeps the server serving the wizard to a browser.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.RESETDESK_PORT ?? '8420';
const serverUrl = `http://127.0.0.1:${port}`;

run(process.execPath, [path.join(root, 'scripts/build.mjs')]);

const server = spawn(process.execPath, [path.join(root, 'src-server/dist/resetdesk-server.js'), 'serve', '--demo'], {
  cwd: root,
  // Request logs at info would bury the [dev outbox] lines a person is looking for.
  env: { RESETDESK_LOG_LEVEL: 'warn', ...process.env, RESETDESK_PORT: port },
  stdio: 'inherit',
});
server.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));

await waitForHealth(`${serverUrl}/healthz`, 60_000);
const electronBinary = findElectronBinary();
if (!electronBinary) {
  console.log(
    [
      '',
      'The Electron binary is not available on this machine (it cannot be downloaded here), so the desktop window',
      `cannot open. The same wizard is served to browsers: open ${serverUrl}/ — the reset server keeps running`,
      '(Ctrl+C stops it). Verification codes appear in this console as [dev outbox] lines.',
      '',
    ].join('\n'),
  );
} else {
  const app = spawn(electronBinary, [root], {
    cwd: root,
    env: { ...process.env, RESETDESK_SERVER_URL: serverUrl },
    stdio: 'inherit',
  });
  app.on('exit', () => server.kill('SIGTERM'));
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// electron's own index.js tries a download when its binary is missing; ask it in a child so a failure stays a message.
function findElectronBinary() {
  const probe = spawnSync(
    process.execPath,
    ['-e', "process.stdout.write(require(process.argv[1]))", createRequire(import.meta.url).resolve('electron')],
    { cwd: root, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return probe.status === 0 && probe.stdout ? probe.stdout : null;
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  console.error(`The reset server did not become healthy at ${url} within ${timeoutMs / 1000} s.`);
  server.kill('SIGTERM');
  process.exit(1);
}

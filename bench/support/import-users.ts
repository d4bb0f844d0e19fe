import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVER_BUNDLE } from '../../test/browser/support/reset-server-process';

export interface BenchUser {
  username: string;
  displayName: string;
  email: string;
  enabledForReset: boolean;
}

/** Creates the benchmark's users with the server's own CLI (`resetdesk-server users import`). */
export function importUsers(dataDir: string, users: BenchUser[]): void {
  const file = path.join(dataDir, 'bench-users.json');
  writeFileSync(file, JSON.stringify(users));
  execFileSync(process.execPath, [SERVER_BUNDLE, 'users', 'import', file], {
    env: { ...process.env, RESETDESK_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

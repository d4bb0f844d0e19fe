import type { PasswordRejectionReason } from '@resetdesk/shared';
import { AuditLog } from '../audit/audit-log';
import type { ServerConfig } from '../config/server-config';
import { BuiltinDirectory } from '../directory/builtin/builtin-directory';
import { PasswordHasher } from '../support/password-hash';
import { PolicyOverrideStore } from '../policy/policy-overrides';
import { openStore } from '../store/store';
import { DEFAULT_TENANT_ID, ensureTenant } from '../store/tenants';
import { systemClock } from '../support/clock';
import { importBreachedFile } from '../password/breached/import-breached';
import { judgeNewPassword } from '../password/new-password-verdict';
import { loadPasswordChecker } from '../password/password-protection';
import { operator } from './operator';

type Write = (text: string) => void;

export const PASSWORD_USAGE = `  password check [--user U]   Judge a password read from standard input (never the command line): prints the
                              verdict, the reasons and the score; exit 0 accepted, 1 refused
  password import-breached <file>
                              Add an organisation's breached list (lines "SHA1" or "SHA1:count") to the check`;

/** The CLI's English for each reason (the wizard has its own, in the person's language). */
const REASON_TEXT: Record<PasswordRejectionReason, string> = {
  TOO_SHORT: 'shorter than the policy allows',
  TOO_LONG: 'longer than the policy allows',
  MISSING_CHARACTER_CLASSES: 'does not mix enough character classes',
  CONTAINS_USER_NAME: "contains the user's name or user ID",
  BANNED_PASSWORD: 'made of banned terms',
  INVALID_CHARACTERS: 'contains control characters',
  BREACHED_PASSWORD: 'known from breaches or common-password lists',
  PASSWORD_IN_HISTORY: "one of the user's recent passwords",
  DIRECTORY_POLICY: "refused by the directory's own password policy",
  PASSWORD_TOO_RECENT: 'the current password is younger than the minimum age',
};

/** Standard input to its end, less one final line break (what `echo` or a pipe adds). */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/u, '');
}

async function check(config: ServerConfig, username: string | undefined, out: Write, err: Write): Promise<number> {
  const password = await readPasswordFromStdin();
  const store = await openStore(config.dataDir, config.store);
  try {
    const { db } = store;
    const policy = await new PolicyOverrideStore({ db, tenantId: DEFAULT_TENANT_ID, clock: systemClock }).effective(
      config.policy,
    );
    await ensureTenant(db, systemClock, DEFAULT_TENANT_ID, policy.organizationName);
    const hasher = new PasswordHasher();
    const directory = new BuiltinDirectory({ db, tenantId: DEFAULT_TENANT_ID, hasher, clock: systemClock });
    const user = username === undefined ? null : await directory.findUser(username);
    if (username !== undefined && !user) {
      err(`No user ${username} in the built-in directory.`);
      return 2;
    }
    const passwordChecker = await loadPasswordChecker({
      db,
      tenantId: DEFAULT_TENANT_ID,
      clock: systemClock,
      policy: policy.passwordPolicy,
      organizationName: policy.organizationName,
      dataDir: config.dataDir,
    });
    const verdict = await judgeNewPassword({ passwordChecker, directory, policy }, user, password);
    const { bannedTerms, points, pointsNeeded } = verdict.findings;
    out(`Verdict: ${verdict.ok ? 'accepted' : 'refused'}`);
    for (const reason of verdict.reasons) out(`  ${reason}: ${REASON_TEXT[reason]}`);
    const found = bannedTerms.length ? `banned terms: ${bannedTerms.map((t) => `'${t}'`).join(', ')}` : 'no banned terms';
    out(`Score: ${points} of the ${pointsNeeded} points needed (${found})`);
    return verdict.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

async function importBreached(config: ServerConfig, file: string | undefined, out: Write, err: Write): Promise<number> {
  if (!file) {
    err('Usage: resetdesk-server password import-breached <file>');
    return 2;
  }
  const result = await importBreachedFile(file, config.dataDir);
  const store = await openStore(config.dataDir, config.store);
  try {
    await ensureTenant(store.db, systemClock, DEFAULT_TENANT_ID, config.policy.organizationName);
    await new AuditLog({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock }).record({
      event: 'policy.changed',
      outcome: 'success',
      detail: `password import-breached ${result.read - result.skipped} hashes (list now ${result.entries}) by ${operator()}`,
    });
  } finally {
    await store.close();
  }
  if (result.skipped > 0) err(`Skipped ${result.skipped} line(s) that are not a SHA-1 in hex.`);
  out(`Imported ${result.read - result.skipped} hashes: the organisation's list holds ${result.entries} entries`);
  out(`(${result.file}). Restart the server to apply.`);
  return 0;
}

/** `password check` and `password import-breached`. */
export async function passwordCommand(
  config: ServerConfig,
  args: readonly string[],
  user: string | undefined,
  out: Write,
  err: Write,
): Promise<number> {
  const [action, file] = args;
  if (action === 'check' && args.length === 1) return check(config, user, out, err);
  if (action === 'import-breached' && args.length === 2) return importBreached(config, file, out, err);
  err(`Usage:\n${PASSWORD_USAGE}`);
  return 2;
}

import { z } from 'zod';
import { AuditLog } from '../audit/audit-log';
import { openCliStore } from './cli-store';
import type { ServerConfig } from '../config/server-config';
import { DEFAULT_TENANT_ID } from '../store/tenants';
import { systemClock } from '../support/clock';
import { loadOrCreateDeviceKey } from '../devices/device-key';
import { DeviceService } from '../devices/device-service';

export const DEVICES_USAGE = `  devices token create --expires 7d [--uses N] [--label TEXT]
                              Create an enrollment token (shown once) valid for 30m, 12h, 7d...; N devices (1)
  devices token list          List enrollment tokens (never the tokens themselves)
  devices list                List enrolled devices
  devices revoke <device-id>  Revoke a device: its requests are refused from then on
`;

export interface DevicesCommandOptions {
  expires?: string | undefined;
  uses?: string | undefined;
  label?: string | undefined;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_EXPIRY_MS = 365 * UNIT_MS.d;

/** `30m`, `12h`, `7d` -> milliseconds, or null. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})([mhd])$/u.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 && ms <= MAX_EXPIRY_MS ? ms : null;
}

type Print = (text: string) => void;

/** `resetdesk-server devices ...`; returns the exit code (2 for a usage error). */
export async function runDevicesCommand(
  config: ServerConfig,
  args: readonly string[],
  options: DevicesCommandOptions,
  out: Print,
  err: Print,
): Promise<number> {
  const [first, second] = args;
  const action = first === 'token' ? `token ${second ?? ''}`.trim() : (first ?? '');
  if (!['token create', 'token list', 'list', 'revoke'].includes(action)) {
    err(`Unknown devices command.\n${DEVICES_USAGE}`);
    return 2;
  }
  let expiresInMs = 0;
  let maxUses = 1;
  if (action === 'token create') {
    const expiry = parseDuration(options.expires ?? '');
    if (expiry === null) {
      err('--expires is required: a duration such as 30m, 12h or 7d (at most 365d)');
      return 2;
    }
    const uses = z.coerce.number().int().min(1).max(100_000).safeParse(options.uses ?? '1');
    if (!uses.success) {
      err('--uses must be a whole number from 1 to 100000');
      return 2;
    }
    expiresInMs = expiry;
    maxUses = uses.data;
  }
  const revokeId = args[1];
  if (action === 'revoke' && (revokeId === undefined || !z.uuid().safeParse(revokeId).success)) {
    err('devices revoke needs a device id (see devices list)');
    return 2;
  }

  const { store } = await openCliStore(config);
  try {
    const devices = new DeviceService({
      db: store.db,
      tenantId: DEFAULT_TENANT_ID,
      deviceKey: loadOrCreateDeviceKey(config.keysDir, { formerDir: config.dataDir }),
      audit: new AuditLog({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock }),
      clock: systemClock,
    });
    switch (action) {
      case 'token create': {
        const created = await devices.createEnrollmentToken({
          expiresInMs,
          maxUses,
          ...(options.label ? { label: options.label } : {}),
        });
        out(created.token);
        err(`Enrollment token ${created.id}: ${created.maxUses} use(s), expires ${created.expiresAt}. It is shown only now.`);
        return 0;
      }
      case 'token list':
        for (const t of await devices.listEnrollmentTokens()) {
          const state = t.revoked_at ? 'revoked' : t.uses >= t.max_uses ? 'used up' : 'active';
          out([t.id, state, `${t.uses}/${t.max_uses}`, t.expires_at, t.label ?? ''].join('\t').trimEnd());
        }
        return 0;
      case 'list':
        for (const d of await devices.list()) {
          const state = d.revoked_at ? `revoked (${d.revoked_reason ?? ''})` : 'active';
          out([d.id, state, d.name, d.enrolled_at, d.last_seen_at ?? '-', d.last_ip ?? '-'].join('\t'));
        }
        return 0;
      default: {
        const revoked = await devices.revoke(revokeId ?? '');
        out(revoked ? `Device ${revokeId} revoked.` : `No active device ${revokeId}.`);
        return revoked ? 0 : 1;
      }
    }
  } finally {
    await store.close();
  }
}

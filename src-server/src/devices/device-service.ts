import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_MAX_SKEW_MS, canonicalRequest } from '@resetdesk/shared';
import type { EnrollDeviceRequest, EnrollDeviceResponse, SignedRequestParts } from '@resetdesk/shared';
import type { AuditEntry, AuditLog } from '../audit/audit-log';
import type { CappedAudit } from '../audit/capped-audit';
import { AppError } from '../errors/app-error';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import type { DeviceKey } from './device-key';
import { deviceDb } from './device-tables';
import { logOf } from '../support/log';
import type { Log } from '../support/log';
import type { DeviceDb, DeviceRow, EnrollmentTokenRow } from './device-tables';

export interface DeviceServiceDeps {
  db: ResetDeskDb;
  tenantId: string;
  deviceKey: DeviceKey;
  audit: AuditLog;
  clock: Clock;
  // Where refusals that strangers can cause are recorded, capped (the plain audit log when absent).
  strangerAudit?: CappedAudit;
}

export interface CreatedEnrollmentToken {
  id: string;
  /** Shown once to IT; only its hash is stored. */
  token: string;
  expiresAt: string;
  maxUses: number;
}

/** A signed request as the HTTP layer received it (header values unparsed). */
export interface PresentedSignature extends SignedRequestParts {
  deviceId: string;
  signature: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The same refusal for every reason, so a caller learns nothing about which device ids exist; the log says why. */
function notTrusted(reason: string): AppError {
  return new AppError('DEVICE_NOT_TRUSTED', 'This device is not accepted by the reset server.', undefined, {
    cause: new Error(reason),
  });
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Enrollment tokens, device enrollment, signed-request verification, listing and revocation. Every decision about a
 * device goes to the audit log.
 */
export class DeviceService {
  private readonly db: DeviceDb;
  private readonly deps: DeviceServiceDeps;
  private lastNoncePurge = 0;

  constructor(deps: DeviceServiceDeps) {
    this.deps = deps;
    this.db = deviceDb(deps.db);
  }

  async createEnrollmentToken(options: {
    expiresInMs: number;
    maxUses: number;
    label?: string;
  }): Promise<CreatedEnrollmentToken> {
    const now = this.deps.clock.now();
    const token = `rdet_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + options.expiresInMs).toISOString();
    await this.db
      .insertInto('enrollment_tokens')
      .values({
        id,
        tenant_id: this.deps.tenantId,
        token_hash: sha256(token),
        label: options.label ?? null,
        max_uses: options.maxUses,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
    return { id, token, expiresAt, maxUses: options.maxUses };
  }

  async listEnrollmentTokens(): Promise<EnrollmentTokenRow[]> {
    return this.db
      .selectFrom('enrollment_tokens')
      .selectAll()
      .where('tenant_id', '=', this.deps.tenantId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /**
   * Spends one use of the token and enrolls the device. An earlier enrollment of the same machine is revoked: one
   * machine, one live credential.
   */
  async enroll(request: EnrollDeviceRequest, context: { ip: string; log?: Log }): Promise<EnrollDeviceResponse> {
    const now = this.deps.clock.now().toISOString();
    const deviceId = randomUUID();
    const enrolled = await this.deps.db.transaction().execute(async (trx) => {
      const db = deviceDb(trx);
      const spent = await db
        .updateTable('enrollment_tokens')
        .set((eb) => ({ uses: eb('uses', '+', 1) }))
        .where('tenant_id', '=', this.deps.tenantId)
        .where('token_hash', '=', sha256(request.enrollmentToken))
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .where((eb) => eb('uses', '<', eb.ref('max_uses')))
        .returning('id')
        .executeTakeFirst();
      if (spent === undefined) return null;
      await db
        .updateTable('devices')
        .set({ revoked_at: now, revoked_reason: 'superseded' })
        .where('tenant_id', '=', this.deps.tenantId)
        .where('machine_id_hash', '=', request.machineIdHash)
        .where('revoked_at', 'is', null)
        .execute();
      await db
        .insertInto('devices')
        .values({
          id: deviceId,
          tenant_id: this.deps.tenantId,
          name: request.deviceName,
          machine_id_hash: request.machineIdHash,
          enrollment_token_id: spent.id,
          app_version: request.appVersion ?? null,
          enrolled_at: now,
          last_seen_at: null,
          last_ip: context.ip,
          revoked_at: null,
          revoked_reason: null,
        })
        .execute();
      return spent.id;
    });
    if (enrolled === null) {
      await this.recordStranger({ event: 'device.enroll_refused', outcome: 'failure', ip: context.ip, ...logOf(context) });
      throw new AppError('ENROLLMENT_TOKEN_INVALID', 'The enrollment token is unknown, expired, revoked or used up.');
    }
    await this.deps.audit.record({
      event: 'device.enrolled',
      outcome: 'success',
      ip: context.ip,
      ...logOf(context),
      detail: `device=${deviceId} token=${enrolled}`,
    });
    return { deviceId, deviceSecret: this.deps.deviceKey.secretFor(deviceId) };
  }

  /** Checks one signed request; resolves with the device or throws DEVICE_NOT_TRUSTED. */
  async verify(presented: PresentedSignature, context: { ip: string; log?: Log }): Promise<DeviceRow> {
    try {
      return await this.check(presented, context);
    } catch (error) {
      if (error instanceof AppError) {
        const reason = error.cause instanceof Error ? error.cause.message : error.code;
        await this.recordStranger({
          event: 'device.refused',
          outcome: 'failure',
          ip: context.ip,
          ...logOf(context),
          detail: `${reason}${/^[0-9a-f-]{36}$/u.test(presented.deviceId) ? ` device=${presented.deviceId}` : ''}`,
        });
      }
      throw error;
    }
  }

  private async recordStranger(entry: AuditEntry): Promise<void> {
    if (this.deps.strangerAudit) await this.deps.strangerAudit.record(entry);
    else await this.deps.audit.record(entry);
  }

  private async check(presented: PresentedSignature, context: { ip: string; log?: Log }): Promise<DeviceRow> {
    const now = this.deps.clock.now();
    if (Math.abs(now.getTime() - presented.timestampMs) > SIGNATURE_MAX_SKEW_MS) throw notTrusted('clock_skew');
    const device = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('tenant_id', '=', this.deps.tenantId)
      .where('id', '=', presented.deviceId)
      .executeTakeFirst();
    if (device === undefined) throw notTrusted('unknown_device');
    if (device.revoked_at !== null) throw notTrusted('revoked');
    // The signature first: only a holder of the secret may learn whether the machine id matched or fill the nonces.
    const expected = createHmac('sha256', this.deps.deviceKey.secretFor(device.id))
      .update(canonicalRequest(presented))
      .digest('base64url');
    if (!sameText(expected, presented.signature)) throw notTrusted('bad_signature');
    if (!sameText(device.machine_id_hash, presented.machineIdHash)) throw notTrusted('other_machine');
    const inserted = await this.db
      .insertInto('device_nonces')
      .values({ device_id: device.id, nonce: presented.nonce, seen_at: now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .returning('nonce')
      .executeTakeFirst();
    if (inserted === undefined) throw notTrusted('replayed_nonce');
    await this.touch(device, now, context.ip);
    await this.purgeOldNonces(now);
    return device;
  }

  /** last_seen_at is for the device list, not an access log: at most one write a minute per device. */
  private async touch(device: DeviceRow, now: Date, ip: string): Promise<void> {
    const last = device.last_seen_at === null ? 0 : Date.parse(device.last_seen_at);
    if (now.getTime() - last < 60_000 && device.last_ip === ip) return;
    await this.db
      .updateTable('devices')
      .set({ last_seen_at: now.toISOString(), last_ip: ip })
      .where('id', '=', device.id)
      .execute();
  }

  private async purgeOldNonces(now: Date): Promise<void> {
    if (now.getTime() - this.lastNoncePurge < SIGNATURE_MAX_SKEW_MS) return;
    this.lastNoncePurge = now.getTime();
    const cutoff = new Date(now.getTime() - 2 * SIGNATURE_MAX_SKEW_MS).toISOString();
    await this.db.deleteFrom('device_nonces').where('seen_at', '<', cutoff).execute();
  }

  async list(): Promise<DeviceRow[]> {
    return this.db
      .selectFrom('devices')
      .selectAll()
      .where('tenant_id', '=', this.deps.tenantId)
      .orderBy('enrolled_at', 'desc')
      .execute();
  }

  /** True when a live device was revoked; false when there is no such device or it already was. */
  async revoke(deviceId: string, reason = 'revoked by IT'): Promise<boolean> {
    const result = await this.db
      .updateTable('devices')
      .set({ revoked_at: this.deps.clock.now().toISOString(), revoked_reason: reason })
      .where('tenant_id', '=', this.deps.tenantId)
      .where('id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const revoked = Number(result.numUpdatedRows) > 0;
    if (revoked) await this.deps.audit.record({ event: 'device.revoked', outcome: 'success', detail: `device=${deviceId}` });
    return revoked;
  }
}

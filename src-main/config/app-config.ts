import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { EnrollmentTokenSchema, fail, ok } from '@resetdesk/shared';
import type { Result } from '@resetdesk/shared';
import { checkServerUrl } from './server-url';
import { MACHINE_ONLY_KEYS } from './managed/machine-only-keys';

export const SERVER_URL_ENV = 'RESETDESK_SERVER_URL';

const ServerUrlSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = checkServerUrl(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

// An external link the wizard may open in the user's browser (never in kiosk mode): https or mailto only.
const ExternalUrlSchema = z
  .string()
  .max(500)
  .refine((value) => /^(https:\/\/|mailto:)/iu.test(value) && URL.canParse(value), {
    message: 'must be an https: or mailto: URL',
  });

/** The desktop app's whole configuration. Strict, so that a misspelt key is an error and not a silent default. */
export const AppConfigSchema = z
  .object({
    serverUrl: ServerUrlSchema,
    requestTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    locale: z
      .string()
      .max(35)
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/u, 'must be a language tag such as en or nl-NL')
      .optional(),
    kiosk: z.boolean().default(false),
    devTools: z.boolean().default(false),
    externalUrlAllowList: z.array(ExternalUrlSchema).max(20).default([]),
    // IT's enrollment token (MSI property ENROLLMENT_TOKEN, policy or config): used once, to enroll this device.
    enrollmentToken: EnrollmentTokenSchema.optional(),
    // Managed settings (policy). Optional without defaults: absent means the built-in behaviour.
    // Seconds without input before the wizard counts down, wipes what was typed and returns to its first screen.
    idleTimeoutSeconds: z.number().int().min(30).max(3600).optional(),
    // Which flows this device offers; the server still decides what each user may do.
    allowedFlows: z.array(z.enum(['reset', 'unlock', 'change'])).min(1).max(3).optional(),
    logLevel: z.enum(['error', 'warn', 'info', 'debug']).optional(),
    // An explicit proxy for the reset server (environment proxies are never used: requests carry passwords).
    proxyUrl: z
      .string()
      .max(300)
      .refine((value) => /^https?:\/\/[^/@\s]+(:\d+)?\/?$/u.test(value), { message: 'must be http(s)://host[:port]' })
      .optional(),
    // A PEM file with the organisation's CA, for a reset server whose certificate it issued.
    trustedCaFile: z.string().min(1).max(500).optional(),
  })
  .strict();
export type AppConfig = z.infer<typeof AppConfigSchema>;
export type AppConfigInput = z.input<typeof AppConfigSchema>;

export interface LoadAppConfigOptions {
  /** A JSON file with any of the config keys. A missing file is fine: the defaults and environment apply. */
  configFilePath?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

/** Describes what is wrong by key path and rule, never by echoing the values (a URL could hold a secret). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
      if (issue.code === 'unrecognized_keys') return `${where}: unknown key(s) ${issue.keys.join(', ')}`;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

function configInvalid(message: string): Result<AppConfig> {
  // ApiError messages are bounded to 500 characters by the shared contract.
  return fail('CONFIG_INVALID', message.length > 500 ? `${message.slice(0, 497)}...` : message);
}

async function readConfigFile(path: string): Promise<Result<Record<string, unknown>>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok({});
    return fail('CONFIG_INVALID', `Configuration file ${path} cannot be read`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('CONFIG_INVALID', `Configuration file ${path} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fail('CONFIG_INVALID', `Configuration file ${path} must contain a JSON object`);
  }
  return ok(parsed as Record<string, unknown>);
}

/** Validates an already assembled config object (defaults are filled in by the schema). */
export function parseAppConfig(input: unknown, source = 'configuration'): Result<AppConfig> {
  const parsed = AppConfigSchema.safeParse(input);
  if (!parsed.success) return configInvalid(`Invalid ${source}: ${describeIssues(parsed.error)}`);
  return ok(parsed.data);
}

/** Built-in defaults < JSON config file < environment (RESETDESK_SERVER_URL). Never throws. */
export async function loadAppConfig(options: LoadAppConfigOptions = {}): Promise<Result<AppConfig>> {
  const fromFile = options.configFilePath ? await readConfigFile(options.configFilePath) : ok({});
  if (!fromFile.ok) return fromFile;
  // A user's own file may not choose whom the app trusts on the network (see managed/machine-only-keys.ts).
  const merged: Record<string, unknown> = Object.fromEntries(
    Object.entries(fromFile.value).filter(([key]) => !(MACHINE_ONLY_KEYS as ReadonlySet<string>).has(key)),
  );
  const envServerUrl = options.env?.[SERVER_URL_ENV]?.trim();
  if (envServerUrl) merged.serverUrl = envServerUrl;
  return parseAppConfig(merged, options.configFilePath ? `configuration (${options.configFilePath})` : 'configuration');
}

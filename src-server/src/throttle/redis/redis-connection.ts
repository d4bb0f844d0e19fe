import { createClient } from 'redis';
import { readSecret } from '../../config/secret-ref';
import { AppError } from '../../errors/app-error';
import type { RedisSettings } from './redis-settings';
import { describeRedisUrl } from './redis-settings';

/** How long a step refused THROTTLE_UNAVAILABLE tells the person to wait (the client reconnects well within it). */
export const THROTTLE_RETRY_SECONDS = 5;
// Reconnect quickly at first, then every 2 s at most, for ever: the server recovers by itself when Redis is back.
const reconnectDelay = (retries: number): number => Math.min(50 * 2 ** Math.min(retries, 6), 2000);

/** The named refusal of every step that needs the throttles while Redis cannot be reached (fail closed). */
export function throttleUnavailable(cause: unknown): AppError {
  return new AppError(
    'THROTTLE_UNAVAILABLE',
    'The rate-limit store cannot be reached: nothing was checked or changed; try again shortly.',
    { retryAfterSeconds: THROTTLE_RETRY_SECONDS },
    { cause },
  );
}

export type RedisArg = string;

/**
 * One Redis client for the throttles. Commands fail at once while the connection is down (no offline queue: a step
 * must be refused, never left waiting), and each has a deadline, so a Redis that hangs refuses steps too. The client
 * reconnects in the background; a command after that works again without anything being restarted. Every failure
 * becomes THROTTLE_UNAVAILABLE (the cause goes to the server log only).
 */
export class RedisConnection {
  readonly location: string;
  private readonly client;
  private readonly timeoutMs: number;
  private connecting: Promise<unknown> | undefined;

  constructor(settings: RedisSettings, env: Readonly<Record<string, string | undefined>> = process.env) {
    const password = settings.password ? readSecret(settings.password, 'redis.password', env) : undefined;
    this.location = describeRedisUrl(settings.url);
    this.timeoutMs = settings.commandTimeoutMs;
    this.client = createClient({
      url: settings.url,
      ...(password === undefined ? {} : { password }),
      RESP: 2,
      disableOfflineQueue: true,
      socket: { connectTimeout: settings.commandTimeoutMs, reconnectStrategy: reconnectDelay },
    });
    // Without a listener an 'error' event would end the process; each command reports its own failure instead.
    this.client.on('error', () => undefined);
  }

  /**
   * Starts connecting and waits for it at most one command deadline: a Redis that is down at start does not stop the
   * server from starting; its steps are refused until Redis answers.
   */
  async open(): Promise<void> {
    this.connecting ??= this.client.connect().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.connecting,
      new Promise((resolve) => {
        timer = setTimeout(resolve, this.timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /** One command (a Lua script is one command too, so it runs atomically). */
  async command(args: readonly RedisArg[]): Promise<unknown> {
    try {
      return await this.client.sendCommand([...args], { timeout: this.timeoutMs, rejectInFlight: true });
    } catch (error) {
      throw throttleUnavailable(error);
    }
  }

  /** Runs `script` on the keys and arguments (EVAL: atomic on the server, no other command runs in between). */
  eval(script: string, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return this.command(['EVAL', script, String(keys.length), ...keys, ...args.map(String)]);
  }

  close(): void {
    if (this.client.isOpen) this.client.destroy();
  }
}

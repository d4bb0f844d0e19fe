import type { ServerConfig } from '../config/server-config';
import { configuredChannels } from '../delivery/configured-channels';
import type { OutgoingMessage } from '../delivery/delivery';
import { AppError } from '../errors/app-error';

export const DELIVERY_USAGE = `  delivery test --email ADDRESS | --sms NUMBER | --call NUMBER
                              Send one test message through the configured channel and say what happened (exit 0
                              when the channel accepted it, 1 when it failed)`;

export interface DeliveryTestTargets {
  email?: string | undefined;
  sms?: string | undefined;
  call?: string | undefined;
}

/** The one test message: it says what it is and carries no code, so a message that leaks proves nothing. */
function testMessage(config: ServerConfig, targets: DeliveryTestTargets): OutgoingMessage | null {
  const organization = config.policy.organizationName;
  const body = `This is a test message from ${organization}'s password reset service. No action is needed.`;
  if (targets.email) return { channel: 'email', to: targets.email, subject: `${organization}: test message`, body };
  if (targets.sms) return { channel: 'sms', to: targets.sms, subject: 'Test', body };
  // A call that only speaks: with no call id it gathers no key (twilio-voice-channel.ts), so nothing waits for one.
  if (targets.call) return { channel: 'voice', to: targets.call, subject: 'Test', body };
  return null;
}

/**
 * `resetdesk-server delivery test`: sends one message through the channel the server would use (not the queue, so the
 * answer is the channel's own), for IT checking SMTP or a provider before people depend on it.
 */
export async function deliveryCommand(
  config: ServerConfig,
  args: readonly string[],
  targets: DeliveryTestTargets,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const message = args[0] === 'test' ? testMessage(config, targets) : null;
  if (!message) {
    err(`Usage:\n${DELIVERY_USAGE}`);
    return 2;
  }
  const channels = configuredChannels(config.delivery, { organizationName: config.policy.organizationName });
  try {
    await channels.delivery.send(message);
    const what = message.channel === 'voice' ? 'call placed' : 'message accepted';
    out(`ok    ${message.channel} test ${what} for ${message.to}`);
    return 0;
  } catch (error) {
    const reason = error instanceof AppError ? `${error.code}: ${error.message}` : (error as Error).message;
    out(`FAIL  ${message.channel} to ${message.to}: ${reason}`);
    return 1;
  } finally {
    channels.close();
  }
}

import { describe, expect, it } from 'vitest';
import { ChannelRouter } from '../../../src-server/src/delivery/channel-router';
import { configuredChannels } from '../../../src-server/src/delivery/configured-channels';
import type { Delivery, OutgoingMessage } from '../../../src-server/src/delivery/delivery';
import { SmtpChannel } from '../../../src-server/src/delivery/email/smtp-channel';
import { EmailSettingsSchema } from '../../../src-server/src/delivery/email/smtp-settings';

/** Keeps what it is given (a stand-in for a channel, not a fake of any provider). */
class Recorder implements Delivery {
  readonly sent: OutgoingMessage[] = [];
  send(message: OutgoingMessage): Promise<void> {
    this.sent.push(message);
    return Promise.resolve();
  }
}

const message = (channel: OutgoingMessage['channel']): OutgoingMessage => ({ channel, to: 'x', subject: 's', body: 'b' });

describe('the channels of a real server', () => {
  it('routes each message by its channel, the rest to the fallback', async () => {
    const email = new Recorder();
    const fallback = new Recorder();
    const router = new ChannelRouter({ email }, fallback);
    await router.send(message('email'));
    await router.send(message('sms'));
    await router.send(message('voice'));
    expect(email.sent.map((m) => m.channel)).toEqual(['email']);
    expect(fallback.sent.map((m) => m.channel)).toEqual(['sms', 'voice']);
  });

  it('refuses every channel without settings, and all but email with SMTP settings', async () => {
    await expect(configuredChannels(undefined, { organizationName: 'Contoso' }).delivery.send(message('email')))
      .rejects.toMatchObject({ code: 'DELIVERY_FAILED' });
    const settings = EmailSettingsSchema.parse({ host: '127.0.0.1', security: 'none', from: { address: 'a@b.example' } });
    const channels = configuredChannels({ email: settings }, { organizationName: 'Contoso' });
    await expect(channels.delivery.send(message('sms'))).rejects.toMatchObject({
      code: 'DELIVERY_FAILED',
      message: 'No sms delivery channel is configured on this server.',
    });
    channels.close();
  });

  it('never sends anything but email over SMTP', async () => {
    const settings = EmailSettingsSchema.parse({ host: '127.0.0.1', security: 'none', from: { address: 'a@b.example' } });
    const smtp = new SmtpChannel(settings, { organizationName: 'Contoso' });
    await expect(smtp.send(message('sms'))).rejects.toMatchObject({ code: 'DELIVERY_FAILED' });
    smtp.close();
  });
});

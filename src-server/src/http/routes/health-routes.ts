import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { HealthSchema, ROUTES } from '@resetdesk/shared';
import type { ChannelState } from '../../delivery/health/channel-check';
import { ERROR_RESPONSES } from '../route-schemas';

/** Where the report's channel states come from (delivery/health/channel-health.ts). */
export interface ChannelHealthReport {
  report(): ChannelState[];
}

/**
 * The health report: the server answers, at which version, and each configured delivery channel's state (up or
 * down, since when, a reason code, how many messages were given up). Never an address, a host or a secret: the states hold none.
 */
export const healthRoutes: FastifyPluginCallbackZod<{ version: string; channels: ChannelHealthReport | null }> = (
  app,
  { version, channels },
  done,
) => {
  app.get(ROUTES.health, { schema: { response: { 200: HealthSchema, ...ERROR_RESPONSES } } }, () => ({
    status: 'ok' as const,
    version,
    channels: (channels?.report() ?? []).map((state) => ({
      channel: state.channel,
      state: state.state,
      since: state.since.toISOString(),
      reason: state.reason,
      givenUp: state.givenUp,
    })),
  }));
  done();
};

import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { HealthSchema, ROUTES } from '@resetdesk/shared';
import type { ChannelState } from '../../delivery/health/channel-check';
import { ERROR_RESPONSES } from '../route-schemas';
import { NOT_SHED } from '../operations/load-shedding';

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
  // Never shed: a liveness probe failing under load gets a busy server restarted (operations/load-shedding.ts).
  const schema = {
    summary: "Alive: the version and each delivery channel's state",
    response: { 200: HealthSchema, ...ERROR_RESPONSES },
  };
  app.get(ROUTES.health, { config: NOT_SHED, schema }, () => ({
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

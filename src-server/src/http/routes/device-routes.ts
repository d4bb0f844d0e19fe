import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { DEVICE_ROUTES, EnrollDeviceRequestSchema, EnrollDeviceResponseSchema } from '@resetdesk/shared';
import { ERROR_RESPONSES } from '../route-schemas';
import type { DeviceService } from '../../devices/device-service';

export interface DeviceRoutesOptions {
  devices: DeviceService;
}

/** Enrollment: an IT-issued token and the machine-id hash in, a device credential out (shown exactly once). */
export const deviceRoutes: FastifyPluginCallbackZod<DeviceRoutesOptions> = (app, { devices }, done) => {
  app.post(
    DEVICE_ROUTES.enroll,
    { schema: { body: EnrollDeviceRequestSchema, response: { 201: EnrollDeviceResponseSchema, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      // The credential must never be cached by a proxy.
      void reply.header('cache-control', 'no-store');
      return reply.status(201).send(await devices.enroll(request.body, { ip: request.ip, log: request.log }));
    },
  );
  done();
};

import type { Log } from '../../support/log';

/** Facts about the caller that go into the audit log. */
export interface RequestContext {
  ip: string | null;
  // The enrolled device, once devices enroll; throttles key on it when present.
  deviceId?: string | null;
  // The request's logger (its lines carry the request id); services log on it while they serve the request.
  log?: Log;
}

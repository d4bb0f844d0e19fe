/** Facts about the caller that go into the audit log. */
export interface RequestContext {
  ip: string | null;
  // The enrolled device, once devices enroll; throttles key on it when present.
  deviceId?: string | null;
}

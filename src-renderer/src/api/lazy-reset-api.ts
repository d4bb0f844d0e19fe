import { OPERATION_NAMES } from '@resetdesk/shared/operation-names';
import type { ResetApi } from './reset-api';

/**
 * A ResetApi that loads the real one (the bridge or HTTP client, with the zod schemas of the declarations) in its own
 * chunk on first use. The first screen needs none of it to paint and take typing, and zod's schemas cost parse and
 * set-up time on a slow kiosk CPU before the User ID field would be usable. The names come from the schema-free list,
 * so a new operation is wrapped without being named here.
 */
export function createLazyResetApi(load: () => Promise<ResetApi>): ResetApi & { preload(): Promise<ResetApi> } {
  let loading: Promise<ResetApi> | null = null;
  const preload = () => (loading ??= load());
  const api = { preload } as ResetApi & { preload(): Promise<ResetApi> };
  for (const name of OPERATION_NAMES) {
    Reflect.set(api, name, async (input: unknown) => {
      const real = await preload();
      return (real[name] as (input: unknown) => Promise<unknown>)(input);
    });
  }
  return api;
}

import { createRequire } from 'node:module';

/** The part of autocannon's result the bench reads (autocannon 9 ships no types). */
export interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  duration: number;
}

interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

const autocannon = createRequire(import.meta.url)('autocannon') as (options: CannonOptions) => Promise<CannonResult>;

/** A fixed-duration closed-loop run: `connections` connections, each sending the next request when one returns. */
export function cannon(options: CannonOptions): Promise<CannonResult> {
  return autocannon(options);
}

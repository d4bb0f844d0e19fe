const METRIC = 'resetdesk_http_request_duration_seconds_bucket';
const BUCKET_LINE = /^resetdesk_http_request_duration_seconds_bucket\{(?<labels>[^}]*)\} (?<count>\d+(?:\.\d+)?)$/u;
const LABEL = /(\w+)="([^"]*)"/gu;

/** Cumulative bucket counts by `METHOD route` and upper bound (seconds; Infinity for +Inf), all statuses together. */
export type RouteBuckets = Map<string, Map<number, number>>;

/**
 * The server's own view of its answers (/metrics, loopback): the request-duration histogram's buckets by route, so
 * that a run can tell the time a request spent inside the server from the time it waited outside it (in the
 * client's event loop, the kernel's accept queue, or for a CPU the other processes held).
 */
export async function readRouteBuckets(baseUrl: string): Promise<RouteBuckets> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const buckets: RouteBuckets = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith(METRIC)) continue;
    const match = BUCKET_LINE.exec(line);
    if (!match?.groups) continue;
    const labels = Object.fromEntries([...(match.groups['labels'] ?? '').matchAll(LABEL)].map((m) => [m[1], m[2]]));
    const key = `${labels['method']} ${labels['route']}`;
    const le = labels['le'] === '+Inf' ? Number.POSITIVE_INFINITY : Number(labels['le']);
    const route = buckets.get(key) ?? new Map<number, number>();
    route.set(le, (route.get(le) ?? 0) + Number(match.groups['count']));
    buckets.set(key, route);
  }
  return buckets;
}

/**
 * The answers of `key` between two readings, and the bucket bound their `q`-th percentile lies under (ms; a
 * histogram knows no closer than its bucket), or null when none came.
 */
export function serverPercentile(
  before: RouteBuckets,
  after: RouteBuckets,
  key: string,
  q: number,
): { answers: number; atMostMs: number } | null {
  const later = after.get(key);
  if (!later) return null;
  const earlier = before.get(key) ?? new Map<number, number>();
  const bounds = [...later.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => (later.get(le) ?? 0) - (earlier.get(le) ?? 0));
  const answers = counts.at(-1) ?? 0;
  if (answers === 0) return null;
  const index = counts.findIndex((count) => count >= (q / 100) * answers);
  return { answers, atMostMs: (bounds[index] ?? Number.POSITIVE_INFINITY) * 1000 };
}

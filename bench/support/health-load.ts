/** Closed-loop load on GET /healthz: `concurrency` workers, each sending the next request when the last returns. */
export async function runHealthLoad(
  baseUrl: string,
  options: { concurrency: number; seconds: number },
): Promise<{ requests: number; seconds: number; concurrency: number; latencies: number[] }> {
  const deadline = performance.now() + options.seconds * 1000;
  const latencies: number[] = [];
  let requests = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const response = await fetch(`${baseUrl}/healthz`);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
        latencies.push(performance.now() - t0);
        requests += 1;
      }
    }),
  );
  return { requests, seconds: (performance.now() - started) / 1000, concurrency: options.concurrency, latencies };
}

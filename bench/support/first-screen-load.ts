import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { percentile } from './stats';

/**
 * Installed before any of the page's own script: the moment the User ID field (#username) is in the page, a frame
 * with it has been painted, and the main thread is free to take a keystroke (the first task after that frame).
 */
const USABLE_PROBE = `(() => {
  const observer = new MutationObserver(() => {
    const input = document.getElementById('username');
    if (!input || input.disabled) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__usableAt = performance.now(); };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

export interface LoadSample {
  usableMs: number;
  scriptMs: number;
}

/** One cold load in a fresh context (empty cache), optionally with the CPU slowed down by the DevTools protocol. */
export async function coldLoad(browser: Browser, url: string, cpuSlowdown: number): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(USABLE_PROBE);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __usableAt?: number }).__usableAt !== undefined, null, {
      timeout: 30_000,
      polling: 50,
    });
    const usableMs = await page.evaluate(() => (window as unknown as { __usableAt: number }).__usableAt);
    const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const scriptSeconds = metrics.metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0;
    return { usableMs, scriptMs: scriptSeconds * 1000 };
  } finally {
    await context.close();
  }
}

export interface PageFigures {
  usableMedianMs: number;
  scriptMedianMs: number;
  rawBytes: number;
  gzipBytes: number;
  scriptFiles: number;
}

/**
 * The first screen's JavaScript: the scripts its HTML loads (the entry and the chunks Vite preloads for it), which
 * must all run before the field can be used; chunks the page asks for after its first render are not counted.
 * Raw and gzipped (level 9).
 */
async function firstScreenScriptBytes(pageUrl: string): Promise<{ rawBytes: number; gzipBytes: number; files: number }> {
  const html = await (await fetch(pageUrl)).text();
  const urls = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+\.js)"/gu)].map((m) => new URL(m[1] ?? '', pageUrl).href);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const url of urls) {
    const body = Buffer.from(await (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { rawBytes, gzipBytes, files: urls.length };
}

/**
 * Cold loads of each page, interleaved so that both see the same machine load, after one discarded warm-up load each.
 * Returns the median time to a usable User ID field per page.
 */
export async function compareColdLoads(
  browser: Browser,
  pages: Record<string, string>,
  options: { loads: number; cpuSlowdown: number },
): Promise<Record<string, PageFigures>> {
  const names = Object.keys(pages);
  const samples: Record<string, LoadSample[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) await coldLoad(browser, pages[name] ?? '', options.cpuSlowdown);
  for (let i = 0; i < options.loads; i += 1) {
    const order = i % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name]?.push(await coldLoad(browser, pages[name] ?? '', options.cpuSlowdown));
  }
  const figures: Record<string, PageFigures> = {};
  for (const name of names) {
    const list = samples[name] ?? [];
    const bytes = await firstScreenScriptBytes(pages[name] ?? '');
    figures[name] = {
      usableMedianMs: percentile(list.map((sample) => sample.usableMs), 50),
      scriptMedianMs: percentile(list.map((sample) => sample.scriptMs), 50),
      rawBytes: bytes.rawBytes,
      gzipBytes: bytes.gzipBytes,
      scriptFiles: bytes.files,
    };
  }
  return figures;
}

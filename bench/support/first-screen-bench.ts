import path from 'node:path';
import { launchChromium } from '../../test/browser/support/chromium';
import { buildBarePage } from './bare-page-build';
import { compareColdLoads, type PageFigures } from './first-screen-load';
import { serveStatic } from './static-server';
import { formatMs } from './stats';

export interface FirstScreenResult {
  loads: number;
  runs: { cpuSlowdown: number; wizard: PageFigures; bare: PageFigures; ratio: number }[];
}

/**
 * The kiosk's first screen against a bare React 19 page (bench/bare-page) built with the same Vite, in Debian's
 * Chromium: cold loads in fresh contexts, the median time until the User ID field takes typing, at full speed and
 * with the CPU slowed 4x (Emulation.setCPUThrottlingRate). Both builds are served by the same in-process static
 * server (brotli, loopback), so the figures compare the pages, not two servers: the kiosk itself loads the wizard
 * from disk through its protocol handler, not from the reset server.
 */
export async function runFirstScreenBench(wizardDir = path.resolve('dist/renderer'), loads = 15): Promise<FirstScreenResult> {
  const bareDir = path.resolve('bench-results/bare-page');
  await buildBarePage(bareDir);
  const bare = await serveStatic(bareDir);
  const wizard = await serveStatic(path.resolve(wizardDir));
  const browser = await launchChromium();
  try {
    const runs: FirstScreenResult['runs'] = [];
    for (const cpuSlowdown of [1, 4]) {
      const figures = await compareColdLoads(browser, { wizard: `${wizard.url}/`, bare: `${bare.url}/` }, { loads, cpuSlowdown });
      const wizardPage = figures.wizard as PageFigures;
      const barePage = figures.bare as PageFigures;
      runs.push({ cpuSlowdown, wizard: wizardPage, bare: barePage, ratio: wizardPage.usableMedianMs / barePage.usableMedianMs });
    }
    return { loads, runs };
  } finally {
    await browser.close();
    await bare.close();
    await wizard.close();
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function formatFirstScreen(result: FirstScreenResult): string[] {
  const lines = [`First screen, time to a usable User ID field (Chromium, ${result.loads} cold loads each, median):`];
  for (const run of result.runs) {
    const cpu = run.cpuSlowdown === 1 ? 'CPU 1x' : `CPU ${run.cpuSlowdown}x slower`;
    lines.push(
      `  ${cpu.padEnd(16)} wizard ${formatMs(run.wizard.usableMedianMs).padStart(9)}` +
        `  bare React ${formatMs(run.bare.usableMedianMs).padStart(9)}  ratio ${run.ratio.toFixed(2)}` +
        `  (script run by then ${formatMs(run.wizard.scriptMedianMs)} vs ${formatMs(run.bare.scriptMedianMs)})`,
    );
  }
  const first = result.runs[0];
  if (first) {
    lines.push(
      `  First screen JavaScript: wizard ${kib(first.wizard.rawBytes)} raw, ${kib(first.wizard.gzipBytes)} gzipped` +
        ` (${first.wizard.scriptFiles} files); bare ${kib(first.bare.rawBytes)} raw, ${kib(first.bare.gzipBytes)} gzipped`,
    );
  }
  return lines;
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Sums the built renderer's JavaScript files, raw and gzipped (level 9, as a server would send them). */
export function measureRendererSize(distDir: string): { files: string[]; rawBytes: number; gzipBytes: number } {
  const files = (readdirSync(distDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(distDir, file));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, rawBytes, gzipBytes };
}

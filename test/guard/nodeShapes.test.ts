import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ALLOWED_NODE_TYPES, INLINE_FIELDS, SCOPED_FIELDS } from '../../src/guard/nodeShapes.js';

/** The node interfaces of @pgsql/types, generated from PostgreSQL's own node definitions. */
function readNodeInterfaces(): Map<string, Map<string, string>> {
  const requireFromParser = createRequire(createRequire(import.meta.url).resolve('libpg-query'));
  const source = readFileSync(requireFromParser.resolve('@pgsql/types/types.d.ts'), 'utf8');
  const interfaces = new Map<string, Map<string, string>>();
  for (const [, name, body] of source.matchAll(/export interface (\w+) \{([^}]*)\}/g)) {
    const fields = new Map<string, string>();
    for (const [, field, type] of (body ?? '').matchAll(/(\w+)\?: ([\w[\]]+);/g)) fields.set(field ?? '', type ?? '');
    interfaces.set(name ?? '', fields);
  }
  return interfaces;
}

const interfaces = readNodeInterfaces();

describe('the node shapes the walker relies on match libpg-query', () => {
  it('reads a plausible number of node interfaces', () => {
    expect(interfaces.size).toBeGreaterThan(200);
  });

  it('names only node types that exist', () => {
    for (const type of [...ALLOWED_NODE_TYPES, ...INLINE_FIELDS.keys(), ...SCOPED_FIELDS.keys()]) expect(interfaces.has(type), type).toBe(true);
  });

  it('never has a field name starting with an upper-case letter, which is how wrappers are told apart', () => {
    for (const [type, fields] of interfaces) {
      for (const field of fields.keys()) expect(/^[a-z_]/.test(field), `${type}.${field}`).toBe(true);
    }
  });

  it('lists every unwrapped struct field of every allowed node type, and nothing else', () => {
    const expected: string[] = [];
    for (const type of ALLOWED_NODE_TYPES) {
      for (const [field, fieldType] of interfaces.get(type) ?? []) {
        const element = fieldType.replace(/\[\]$/, '');
        if (element === 'Node' || !interfaces.has(element)) continue;
        expect(fieldType.endsWith('[]'), `${type}.${field} is a list of unwrapped ${element}`).toBe(false);
        expected.push(`${type}.${field}: ${element}`);
      }
    }
    const listed = [...INLINE_FIELDS, ...SCOPED_FIELDS].flatMap(([type, fields]) => [...fields].map(([field, inline]) => `${type}.${field}: ${inline}`));
    expect(listed.sort()).toEqual(expected.sort());
  });
});

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../packageRoot.js';

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
  /** Extensions the file needs (`-- requires: vector`); without them it waits. */
  requires: string[];
}

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export function schemaDirectory(): string {
  return path.join(packageRoot(), 'schema');
}

/** The ordered migrations under schema/. */
export function loadMigrations(directory = schemaDirectory()): Migration[] {
  return readdirSync(directory)
    .filter((file) => FILE_PATTERN.test(file))
    .sort()
    .map((file) => {
      const [, version, name] = FILE_PATTERN.exec(file)!;
      const sql = readFileSync(path.join(directory, file), 'utf8');
      return { version: version!, name: name!, sql, checksum: sha256(sql), requires: requiredExtensions(sql) };
    });
}

function requiredExtensions(sql: string): string[] {
  const header = /^--\s*requires:\s*(.+)$/m.exec(sql.split('\n').slice(0, 5).join('\n'));
  return header ? header[1]!.split(',').map((name) => name.trim()).filter(Boolean) : [];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

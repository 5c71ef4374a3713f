import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../packageRoot.js';
import { versionAtLeast } from '../versionAtLeast.js';

export interface ExtensionRequirement {
  extension: string;
  /** Lowest acceptable version as [major, minor], if any. */
  minimum?: [number, number];
}

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
  /** Extensions the file needs (`-- requires: vector>=0.8`); without them it waits. */
  requires: ExtensionRequirement[];
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

function requiredExtensions(sql: string): ExtensionRequirement[] {
  const header = /^--\s*requires:\s*(.+)$/m.exec(sql.split('\n').slice(0, 5).join('\n'));
  if (!header) return [];
  return header[1]!
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [extension, version] = item.split('>=').map((part) => part.trim());
      const [major = 0, minor = 0] = (version ?? '').split('.').map(Number);
      return version ? { extension: extension!, minimum: [major, minor] } : { extension: extension! };
    });
}

/** Whether an extension version such as '0.8.1' satisfies a requirement. */
export function satisfies(version: string, requirement: ExtensionRequirement): boolean {
  return !requirement.minimum || versionAtLeast(version, requirement.minimum);
}

export function describeRequirement(requirement: ExtensionRequirement): string {
  return requirement.minimum ? `${requirement.extension} ${requirement.minimum.join('.')} or newer` : requirement.extension;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

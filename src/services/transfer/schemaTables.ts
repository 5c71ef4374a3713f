import { loadMigrations, type Migration } from '../../db/migrations/migrationFiles.js';
import { parseSql } from '../../guard/parser.js';

/** The tables of the Zava schema, as the migrations create and alter them. */
export interface SchemaTables {
  /** Every table a migration creates (`retail.customers`). */
  all: Set<string>;
  /**
   * What exists only where pgvector does: the tables the vector migrations create
   * and those they add columns to (product_embeddings gets its vector). Their rows
   * move only between databases that both have vectors; elsewhere product
   * embeddings are left to `zava-mcp embed`.
   */
  needVectors: Set<string>;
  /** Of those, the tables a database without pgvector does not have at all (embedding_models). */
  createdWithVectors: Set<string>;
}

export function schemaTables(migrations: readonly Migration[] = loadMigrations()): SchemaTables {
  const tables: SchemaTables = { all: new Set(), needVectors: new Set(), createdWithVectors: new Set() };
  for (const migration of migrations) {
    const vector = migration.requires.some((requirement) => requirement.extension === 'vector');
    const parsed = parseSql(migration.sql);
    if (!parsed.ok) continue;
    for (const { stmt } of parsed.tree.stmts ?? []) {
      const node = stmt as { CreateStmt?: { relation?: Relation }; AlterTableStmt?: { relation?: Relation; cmds?: { AlterTableCmd?: { subtype?: string } }[] } };
      if (node.CreateStmt?.relation) {
        tables.all.add(qualified(node.CreateStmt.relation));
        if (vector) tables.needVectors.add(qualified(node.CreateStmt.relation));
        if (vector) tables.createdWithVectors.add(qualified(node.CreateStmt.relation));
      }
      const alter = node.AlterTableStmt;
      if (vector && alter?.relation && alter.cmds?.some((cmd) => cmd.AlterTableCmd?.subtype === 'AT_AddColumn')) tables.needVectors.add(qualified(alter.relation));
    }
  }
  return tables;
}

interface Relation {
  schemaname?: string;
  relname?: string;
}

function qualified(relation: Relation): string {
  return `${relation.schemaname ?? 'public'}.${relation.relname ?? ''}`;
}

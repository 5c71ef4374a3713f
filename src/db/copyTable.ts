/** A table's rows in PostgreSQL's COPY text format: which table, which columns in which order. */
export interface CopyTable {
  schema: string;
  table: string;
  columns: readonly string[];
}

/** An identifier quoted for SQL: catalog names only ever reach COPY statements this way. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"retail"."customers" ("store_id", "customer_id", ...)`. */
export function copyTarget({ schema, table, columns }: CopyTable): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')})`;
}

/** `retail.customers`, for people. */
export function tableLabel({ schema, table }: Pick<CopyTable, 'schema' | 'table'>): string {
  return `${schema}.${table}`;
}

/** Rows in COPY text format, as text or bytes, in chunks of any size. */
export type CopyData = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

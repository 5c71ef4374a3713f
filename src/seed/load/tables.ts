import type { CopyTable } from '../../db/copyTable.js';
import type { CustomerRow, Dataset, LoadCounts, ProductRow, TransactionItemRow, TransactionRow } from '../rows.js';

/**
 * Which columns each table gets and as what type; both loaders build their SQL from
 * this, so they cannot disagree. Values travel as strings, numbers, booleans or
 * NULL, which node-postgres and PGlite both serialise the same way; tags (text[])
 * and metadata (jsonb) travel as text and are cast in SQL, because a driver's idea
 * of a nested or ragged array differs.
 */
export type SqlType = 'uuid' | 'varchar' | 'text' | 'integer' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'text[]' | 'jsonb';

export type LoadPhase = keyof LoadCounts;

export interface Column<R> {
  name: keyof R & string;
  type: SqlType;
}

export interface TableSpec<R> {
  phase: LoadPhase;
  table: string;
  columns: readonly Column<R>[];
}

function columns<R>(spec: Record<keyof R & string, SqlType>): Column<R>[] {
  return Object.entries(spec).map(([name, type]) => ({ name: name as keyof R & string, type: type as SqlType }));
}

const CUSTOMERS: TableSpec<CustomerRow> = {
  phase: 'customers',
  table: 'retail.customers',
  columns: columns<CustomerRow>({
    customer_id: 'uuid',
    store_id: 'varchar',
    first_name: 'varchar',
    last_name: 'varchar',
    email: 'varchar',
    phone: 'varchar',
    date_of_birth: 'date',
    gender: 'varchar',
    customer_since: 'date',
    loyalty_tier: 'varchar',
    total_lifetime_value: 'numeric',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  }),
};

const PRODUCTS: TableSpec<ProductRow> = {
  phase: 'products',
  table: 'retail.products',
  columns: columns<ProductRow>({
    product_id: 'uuid',
    store_id: 'varchar',
    sku: 'varchar',
    product_name: 'varchar',
    product_description: 'text',
    category_id: 'integer',
    brand: 'varchar',
    model: 'varchar',
    color: 'varchar',
    size: 'varchar',
    weight_kg: 'numeric',
    dimensions_cm: 'varchar',
    price: 'numeric',
    cost: 'numeric',
    current_stock: 'integer',
    minimum_stock: 'integer',
    maximum_stock: 'integer',
    reorder_point: 'integer',
    supplier_name: 'varchar',
    supplier_sku: 'varchar',
    is_active: 'boolean',
    is_featured: 'boolean',
    rating_average: 'numeric',
    rating_count: 'integer',
    tags: 'text[]',
    metadata: 'jsonb',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  }),
};

const TRANSACTIONS: TableSpec<TransactionRow> = {
  phase: 'transactions',
  table: 'retail.sales_transactions',
  columns: columns<TransactionRow>({
    transaction_id: 'uuid',
    store_id: 'varchar',
    customer_id: 'uuid',
    transaction_date: 'timestamptz',
    transaction_type: 'varchar',
    payment_method: 'varchar',
    subtotal: 'numeric',
    tax_amount: 'numeric',
    discount_amount: 'numeric',
    total_amount: 'numeric',
    cashier_id: 'varchar',
    register_id: 'varchar',
    receipt_number: 'varchar',
    notes: 'text',
    metadata: 'jsonb',
    created_at: 'timestamptz',
  }),
};

const ITEMS: TableSpec<TransactionItemRow> = {
  phase: 'items',
  table: 'retail.sales_transaction_items',
  columns: columns<TransactionItemRow>({
    item_id: 'uuid',
    store_id: 'varchar',
    transaction_id: 'uuid',
    product_id: 'uuid',
    quantity: 'integer',
    unit_price: 'numeric',
    total_price: 'numeric',
    discount_amount: 'numeric',
    tax_amount: 'numeric',
    created_at: 'timestamptz',
  }),
};

const SPECS = { customers: CUSTOMERS, products: PRODUCTS, transactions: TRANSACTIONS, items: ITEMS } as const;

/** The table a load phase writes. */
export function specOf(phase: LoadPhase): TableSpec<Record<string, unknown>> {
  return SPECS[phase] as unknown as TableSpec<Record<string, unknown>>;
}

/** Where COPY writes a phase's rows: the table and its columns in the spec's order. */
export function copyTargetOf(phase: LoadPhase): CopyTable {
  const spec = SPECS[phase];
  const [schema, table] = spec.table.split('.') as [string, string];
  return { schema, table, columns: spec.columns.map((column) => column.name) };
}

/** The tables the sample data fills, schema-qualified. */
export const SEEDED_TABLES: readonly string[] = Object.values(SPECS).map((spec) => spec.table);

/** A table with its rows, in foreign-key order. */
export interface TableLoad {
  spec: TableSpec<Record<string, unknown>>;
  rows: readonly Record<string, unknown>[];
}

export function tablesOf(dataset: Dataset): TableLoad[] {
  const load = <R>(spec: TableSpec<R>, rows: readonly R[]): TableLoad => ({
    spec: spec as unknown as TableSpec<Record<string, unknown>>,
    rows: rows as unknown as Record<string, unknown>[],
  });
  return [load(CUSTOMERS, dataset.customers), load(PRODUCTS, dataset.products), load(TRANSACTIONS, dataset.transactions), load(ITEMS, dataset.items)];
}

/** A column value as it is sent: text[] as an array literal, jsonb as JSON text, the rest as is. */
export function encodeValue(type: SqlType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'text[]') return textArrayLiteral(value as readonly string[]);
  if (type === 'jsonb') return JSON.stringify(value);
  return value;
}

/** The type a value travels as (before the cast to the column type). */
export function transportType(type: SqlType): SqlType {
  return type === 'text[]' || type === 'jsonb' ? 'text' : type;
}

function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

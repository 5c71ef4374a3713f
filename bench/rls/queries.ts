import { REPORT_NAMES, REPORT_QUERIES } from '../../src/services/salesReports/reportQueries.js';

/**
 * One statement measured as a store (the policies add the store filter) and as the
 * owner (the store filter written into the SQL, its last parameter the stores).
 */
export interface RlsQuery {
  name: string;
  kind: 'report' | 'analytic';
  sql: string;
  params: unknown[];
  /** The same query with `store_id = ANY ($n)` on every tenant table, $n the last parameter. */
  ownerSql: string;
}

/**
 * The reports' tenant table references and the same with the store filter written
 * in (in ON for joins, so that a LEFT JOIN stays one). Every pattern must match
 * somewhere, and each report is checked to have lost all unfiltered references.
 */
const REPORT_FILTERS: readonly [string, string][] = [
  [
    'JOIN sales_transaction_items i ON i.store_id = st.store_id AND i.transaction_id = st.transaction_id\n   WHERE ',
    'JOIN sales_transaction_items i ON i.store_id = st.store_id AND i.transaction_id = st.transaction_id\n   WHERE st.store_id = ANY ($S) AND i.store_id = ANY ($S) AND ',
  ],
  ['JOIN products p ON p.store_id = l.store_id AND p.product_id = l.product_id', 'JOIN products p ON p.store_id = l.store_id AND p.product_id = l.product_id AND p.store_id = ANY ($S)'],
  ['FROM customers c GROUP BY 1, 2', 'FROM customers c WHERE c.store_id = ANY ($S) GROUP BY 1, 2'],
  ['LEFT JOIN customers c ON c.store_id = st.store_id AND c.customer_id = st.customer_id', 'LEFT JOIN customers c ON c.store_id = st.store_id AND c.customer_id = st.customer_id AND c.store_id = ANY ($S)'],
  [' WHERE p.is_active AND p.current_stock <= p.reorder_point', ' WHERE p.store_id = ANY ($S) AND p.is_active AND p.current_stock <= p.reorder_point'],
];

const TENANT_REFERENCE = /\b(?:FROM|JOIN)\s+(customers|products|sales_transactions|sales_transaction_items)\s+(\w+)/g;

/** Writes the store filter into a report's SQL; throws when a reference to a tenant table would stay unfiltered. */
function withStoreFilter(name: string, sql: string, parameter: number): string {
  let owner = sql;
  for (const [pattern, replacement] of REPORT_FILTERS) owner = owner.replaceAll(pattern, replacement.replaceAll('$S', `$${parameter}`));
  for (const [, table, alias] of sql.matchAll(TENANT_REFERENCE)) {
    if (!owner.includes(`${alias}.store_id = ANY ($${parameter})`)) throw new Error(`${name}: ${table} ${alias} has no store filter in the owner's SQL; update REPORT_FILTERS`);
  }
  return owner;
}

/** The last day of the benchmark's sales (--as-of): reports end there, as the tool's defaults do. */
function daysBefore(asOf: string, days: number): string {
  const date = new Date(`${asOf}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/**
 * Every governed report with the sales_report tool's default period (the last 30
 * days, monthly_sales the last 365) and its default limit, all bound stores together.
 */
export function reportQueries(asOf: string, label: string): RlsQuery[] {
  return REPORT_NAMES.map((name) => {
    const days = name === 'monthly_sales' ? 365 : 30;
    const limit = name === 'daily_sales' || name === 'monthly_sales' ? 5_001 : 11;
    const sql = REPORT_QUERIES[name].sql;
    return { name, kind: 'report', sql, ownerSql: withStoreFilter(name, sql, 6), params: [daysBefore(asOf, days - 1), asOf, limit, false, label] };
  });
}

/** Five analytic queries of the kind a model writes, over the whole year of sales; the owner's with the store filter written in. */
export function analyticQueries(asOf: string): RlsQuery[] {
  const from = daysBefore(asOf, 364);
  return [
    {
      name: 'monthly revenue, lag and rolling sum',
      kind: 'analytic',
      params: [from],
      ...both(
        (filter) => `WITH monthly AS (
  SELECT date_trunc('month', st.transaction_date) AS month, sum(st.total_amount) AS revenue
    FROM sales_transactions st
   WHERE st.transaction_type = 'sale' AND st.transaction_date >= $1::date${filter('AND st.store_id = ANY ($2)')}
   GROUP BY 1)
SELECT month, revenue, revenue - lag(revenue) OVER (ORDER BY month) AS change,
       sum(revenue) OVER (ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS rolling_3
  FROM monthly ORDER BY month`,
      ),
    },
    {
      name: 'top 5 products per category',
      kind: 'analytic',
      params: [],
      ...both(
        (filter) => `SELECT * FROM (
  SELECT pc.category_name, p.product_name, sum(sti.total_price) AS revenue,
         rank() OVER (PARTITION BY pc.category_name ORDER BY sum(sti.total_price) DESC) AS rnk
    FROM sales_transaction_items sti
    JOIN products p ON p.store_id = sti.store_id AND p.product_id = sti.product_id${filter('AND p.store_id = ANY ($1)')}
    JOIN product_categories pc ON pc.category_id = p.category_id${filter('WHERE sti.store_id = ANY ($1)')}
   GROUP BY pc.category_name, p.product_name) ranked
 WHERE rnk <= 5`,
      ),
    },
    {
      name: 'ticket percentiles per payment method',
      kind: 'analytic',
      params: [],
      ...both(
        (filter) => `SELECT payment_method, count(*) AS transactions,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY total_amount) AS median_ticket,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY total_amount) AS p90_ticket,
       avg(total_amount)::numeric(10, 2) AS average_ticket
  FROM sales_transactions
 WHERE transaction_type = 'sale'${filter('AND store_id = ANY ($1)')}
 GROUP BY payment_method ORDER BY payment_method`,
      ),
    },
    {
      name: 'loyalty tiers: customers, visits and spend',
      kind: 'analytic',
      params: [],
      ...both(
        (filter) => `SELECT c.loyalty_tier, count(DISTINCT c.customer_id) AS customers, count(st.transaction_id) AS visits,
       round(avg(st.total_amount), 2) AS average_ticket, round(sum(st.total_amount), 2) AS spend
  FROM customers c
  LEFT JOIN sales_transactions st ON st.store_id = c.store_id AND st.customer_id = c.customer_id${filter('AND st.store_id = ANY ($1)')}${filter('WHERE c.store_id = ANY ($1)')}
 GROUP BY c.loyalty_tier ORDER BY spend DESC NULLS LAST`,
      ),
    },
    {
      name: 'latest 3 receipts of each platinum customer (LATERAL)',
      kind: 'analytic',
      params: [],
      ...both(
        (filter) => `SELECT c.first_name, c.last_name, recent.transaction_date, recent.total_amount
  FROM customers c
 CROSS JOIN LATERAL (
  SELECT st.transaction_date, st.total_amount FROM sales_transactions st
   WHERE st.store_id = c.store_id AND st.customer_id = c.customer_id${filter('AND st.store_id = ANY ($1)')}
   ORDER BY st.transaction_date DESC LIMIT 3) AS recent
 WHERE c.loyalty_tier = 'platinum'${filter('AND c.store_id = ANY ($1)')}`,
      ),
    },
  ];
}

/** A query as the store runs it (no filter: the policies add it) and as the owner writes it (the filter in place). */
function both(write: (filter: (clause: string) => string) => string): { sql: string; ownerSql: string } {
  return { sql: write(() => ''), ownerSql: write((clause) => ` ${clause}`) };
}

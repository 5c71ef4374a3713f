import type { MetricName } from './definitions.js';

/**
 * Named, parameterised report queries. Every one takes the same parameters:
 * $1 start date, $2 end date (inclusive), $3 row limit, $4 group by store,
 * $5 the label for all bound stores together. They run inside a store session, so
 * row-level security limits them to the bound stores. A product belongs to one
 * store, so the per-product reports label each row with its own store.
 */
export interface ReportQuery {
  description: string;
  sql: string;
  metrics: MetricName[];
  /** Rows are products, each of one store: labelled with it, and $4 and $5 are not taken. */
  perProduct?: true;
}

/*
 * The bounds are cast to timestamptz so that the comparisons are timestamptz with
 * timestamptz, which PostgreSQL marks leakproof: under row-level security only a
 * leakproof condition may be applied before the store policy, and so be an index
 * condition beside it. Compared with a date (timestamptz_ge_date, not leakproof),
 * every report read all of the store's receipts and filtered the period
 * afterwards (bench:rls: up to 5x the owner's time with the filter written in).
 */
const IN_PERIOD = 'st.transaction_date >= $1::date::timestamptz AND st.transaction_date < ($2::date + 1)::timestamptz';

function storeColumn(alias: string): string {
  return `CASE WHEN $4::boolean THEN ${alias}.store_id ELSE $5::text END`;
}

/** One row per transaction with its sold and returned values. */
const TRANSACTION_TOTALS = `
transaction_totals AS (
  SELECT st.store_id, st.transaction_id, st.transaction_type, st.transaction_date, st.payment_method, st.customer_id,
         st.tax_amount, st.total_amount,
         COALESCE(sum(i.total_price) FILTER (WHERE i.quantity > 0), 0) AS gross,
         COALESCE(-sum(i.total_price) FILTER (WHERE i.quantity < 0), 0) AS returned,
         COALESCE(sum(i.quantity) FILTER (WHERE i.quantity > 0), 0) AS units_sold,
         COALESCE(-sum(i.quantity) FILTER (WHERE i.quantity < 0), 0) AS units_returned
    FROM sales_transactions st
    JOIN sales_transaction_items i ON i.store_id = st.store_id AND i.transaction_id = st.transaction_id
   WHERE ${IN_PERIOD}
   GROUP BY st.store_id, st.transaction_id
)`;

const LINES = `
lines AS (
  SELECT st.store_id, st.transaction_id, st.transaction_type, i.product_id, i.quantity, i.total_price
    FROM sales_transactions st
    JOIN sales_transaction_items i ON i.store_id = st.store_id AND i.transaction_id = st.transaction_id
   WHERE ${IN_PERIOD}
)`;

function salesOverTime(unit: 'day' | 'month'): string {
  return `
WITH ${TRANSACTION_TOTALS}
SELECT date_trunc('${unit}', st.transaction_date)::date AS period_start,
       ${storeColumn('st')} AS store_id,
       count(*) FILTER (WHERE st.transaction_type = 'sale') AS sales_transactions,
       count(*) FILTER (WHERE st.transaction_type = 'return') AS return_transactions,
       count(*) FILTER (WHERE st.transaction_type = 'exchange') AS exchange_transactions,
       sum(st.units_sold) AS units_sold,
       sum(st.units_returned) AS units_returned,
       round(sum(st.gross), 2) AS gross_sales,
       round(sum(st.returned), 2) AS returns_amount,
       round(sum(st.gross) - sum(st.returned), 2) AS net_sales,
       round(sum(st.tax_amount), 2) AS tax,
       round(sum(st.gross) FILTER (WHERE st.transaction_type = 'sale')
             / NULLIF(count(*) FILTER (WHERE st.transaction_type = 'sale'), 0), 2) AS average_basket
  FROM transaction_totals st
 GROUP BY 1, 2
 ORDER BY 1, 2
 LIMIT $3`;
}

export const REPORT_QUERIES = {
  daily_sales: {
    description: 'Sales per day: transactions, units, gross sales, returns, net sales, tax and average basket.',
    metrics: ['gross_sales', 'returns_amount', 'net_sales', 'tax', 'average_basket', 'units_sold', 'units_returned', 'transactions'],
    sql: salesOverTime('day'),
  },
  monthly_sales: {
    description: 'Sales per calendar month: transactions, units, gross sales, returns, net sales, tax and average basket.',
    metrics: ['gross_sales', 'returns_amount', 'net_sales', 'tax', 'average_basket', 'units_sold', 'units_returned', 'transactions'],
    sql: salesOverTime('month'),
  },
  top_products: {
    description: 'Best-selling products by net sales.',
    metrics: ['net_sales', 'units_sold', 'units_returned', 'transactions'],
    perProduct: true,
    sql: `
WITH ${LINES}
SELECT l.store_id, p.product_id, p.product_name, p.brand, c.category_name,
       COALESCE(sum(l.quantity) FILTER (WHERE l.quantity > 0), 0) AS units_sold,
       COALESCE(-sum(l.quantity) FILTER (WHERE l.quantity < 0), 0) AS units_returned,
       round(sum(l.total_price), 2) AS net_sales,
       count(DISTINCT l.transaction_id) AS transactions
  FROM lines l
  JOIN products p ON p.store_id = l.store_id AND p.product_id = l.product_id
  LEFT JOIN product_categories c ON c.category_id = p.category_id
 GROUP BY l.store_id, p.product_id, p.product_name, p.brand, c.category_name
 ORDER BY net_sales DESC, p.product_name, p.product_id
 LIMIT $3`,
  },
  category_performance: {
    description: 'Net sales, units, returns, margin and share of net sales per product category.',
    metrics: ['gross_sales', 'returns_amount', 'net_sales', 'units_sold', 'return_rate', 'gross_margin', 'share'],
    sql: `
WITH ${LINES},
by_category AS (
  SELECT ${storeColumn('l')} AS store_id, c.category_name,
         COALESCE(sum(l.quantity) FILTER (WHERE l.quantity > 0), 0) AS units_sold,
         COALESCE(sum(l.total_price) FILTER (WHERE l.quantity > 0), 0) AS gross,
         COALESCE(-sum(l.total_price) FILTER (WHERE l.quantity < 0), 0) AS returned,
         sum(l.total_price) AS net,
         sum(l.total_price - COALESCE(p.cost, 0) * l.quantity) AS margin
    FROM lines l
    JOIN products p ON p.store_id = l.store_id AND p.product_id = l.product_id
    LEFT JOIN product_categories c ON c.category_id = p.category_id
   GROUP BY 1, 2
)
SELECT store_id, category_name, units_sold,
       round(gross, 2) AS gross_sales, round(returned, 2) AS returns_amount, round(net, 2) AS net_sales,
       round(100 * returned / NULLIF(gross, 0), 2) AS return_rate_percent,
       round(margin, 2) AS gross_margin,
       round(100 * net / NULLIF(sum(net) OVER (PARTITION BY store_id), 0), 2) AS share_percent
  FROM by_category
 ORDER BY store_id, net DESC
 LIMIT $3`,
  },
  customer_segments: {
    description: 'Customers, active customers, net sales and basket per loyalty tier (walk-ins without a customer record separately).',
    metrics: ['active_customers', 'net_sales', 'average_basket', 'transactions', 'share'],
    sql: `
WITH ${TRANSACTION_TOTALS},
tiers AS (
  SELECT c.store_id, c.loyalty_tier, count(*) AS customers FROM customers c GROUP BY 1, 2
),
segment_sales AS (
  SELECT st.store_id, COALESCE(c.loyalty_tier, 'walk-in') AS loyalty_tier,
         count(DISTINCT st.customer_id) FILTER (WHERE st.transaction_type = 'sale') AS active_customers,
         count(*) AS transactions,
         count(*) FILTER (WHERE st.transaction_type = 'sale') AS sales_transactions,
         sum(st.gross) FILTER (WHERE st.transaction_type = 'sale') AS sale_gross,
         sum(st.gross) - sum(st.returned) AS net
    FROM transaction_totals st
    LEFT JOIN customers c ON c.store_id = st.store_id AND c.customer_id = st.customer_id
   GROUP BY 1, 2
),
combined AS (
  SELECT ${storeColumn('s')} AS store_id, s.loyalty_tier,
         sum(COALESCE(t.customers, 0)) AS customers, sum(s.active_customers) AS active_customers,
         sum(s.transactions) AS transactions, sum(s.net) AS net,
         sum(s.sale_gross) AS sale_gross, sum(s.sales_transactions) AS sales_transactions
    FROM segment_sales s
    LEFT JOIN tiers t ON t.store_id = s.store_id AND t.loyalty_tier = s.loyalty_tier
   GROUP BY 1, 2
)
SELECT store_id, loyalty_tier, customers, active_customers, transactions,
       round(net, 2) AS net_sales,
       round(net / NULLIF(active_customers, 0), 2) AS net_sales_per_active_customer,
       round(sale_gross / NULLIF(sales_transactions, 0), 2) AS average_basket,
       round(100 * net / NULLIF(sum(net) OVER (PARTITION BY store_id), 0), 2) AS share_percent
  FROM combined
 ORDER BY store_id, array_position(ARRAY['platinum', 'gold', 'silver', 'bronze', 'walk-in'], loyalty_tier::text)
 LIMIT $3`,
  },
  returns: {
    description: 'Products with the most returned value, with their return rate.',
    metrics: ['returns_amount', 'units_returned', 'gross_sales', 'return_rate'],
    perProduct: true,
    sql: `
WITH ${LINES}
SELECT l.store_id, p.product_id, p.product_name, c.category_name,
       COALESCE(-sum(l.quantity) FILTER (WHERE l.quantity < 0), 0) AS units_returned,
       round(COALESCE(-sum(l.total_price) FILTER (WHERE l.quantity < 0), 0), 2) AS returns_amount,
       round(COALESCE(sum(l.total_price) FILTER (WHERE l.quantity > 0), 0), 2) AS gross_sales,
       round(100 * COALESCE(-sum(l.total_price) FILTER (WHERE l.quantity < 0), 0)
             / NULLIF(sum(l.total_price) FILTER (WHERE l.quantity > 0), 0), 2) AS return_rate_percent
  FROM lines l
  JOIN products p ON p.store_id = l.store_id AND p.product_id = l.product_id
  LEFT JOIN product_categories c ON c.category_id = p.category_id
 GROUP BY l.store_id, p.product_id, p.product_name, c.category_name
HAVING sum(l.quantity) FILTER (WHERE l.quantity < 0) IS NOT NULL
 ORDER BY returns_amount DESC, p.product_name, p.product_id
 LIMIT $3`,
  },
  payment_mix: {
    description: 'Transactions and amounts per payment method, with shares.',
    metrics: ['transactions', 'net_sales', 'share'],
    sql: `
WITH ${TRANSACTION_TOTALS},
by_method AS (
  SELECT ${storeColumn('st')} AS store_id, st.payment_method, count(*) AS transactions,
         sum(st.gross) - sum(st.returned) AS net
    FROM transaction_totals st
   GROUP BY 1, 2
)
SELECT store_id, payment_method, transactions,
       round(100.0 * transactions / sum(transactions) OVER (PARTITION BY store_id), 2) AS share_of_transactions_percent,
       round(net, 2) AS net_sales,
       round(100 * net / NULLIF(sum(net) OVER (PARTITION BY store_id), 0), 2) AS share_of_net_sales_percent
  FROM by_method
 ORDER BY store_id, transactions DESC
 LIMIT $3`,
  },
  low_stock: {
    description: 'Active products at or below their reorder point, with recent demand and days of cover.',
    metrics: ['units_sold', 'days_of_cover'],
    perProduct: true,
    sql: `
WITH ${LINES},
demand AS (
  SELECT l.store_id, l.product_id, COALESCE(sum(l.quantity) FILTER (WHERE l.quantity > 0), 0) AS units_sold
    FROM lines l GROUP BY 1, 2
)
SELECT p.store_id, p.product_id, p.product_name, p.sku, c.category_name,
       p.current_stock, p.reorder_point, p.minimum_stock,
       p.reorder_point - p.current_stock AS below_reorder_point_by,
       COALESCE(d.units_sold, 0) AS units_sold,
       round(p.current_stock / NULLIF(COALESCE(d.units_sold, 0) / ($2::date - $1::date + 1)::numeric, 0), 1) AS days_of_cover
  FROM products p
  LEFT JOIN demand d ON d.store_id = p.store_id AND d.product_id = p.product_id
  LEFT JOIN product_categories c ON c.category_id = p.category_id
 WHERE p.is_active AND p.current_stock <= p.reorder_point
 ORDER BY days_of_cover ASC NULLS LAST, below_reorder_point_by DESC, p.product_name, p.product_id
 LIMIT $3`,
  },
} as const satisfies Record<string, ReportQuery>;

export type ReportName = keyof typeof REPORT_QUERIES;
export const REPORT_NAMES = Object.keys(REPORT_QUERIES) as ReportName[];

/**
 * The business definitions behind every report, written once. Reports and the
 * glossary resource both quote these texts.
 */
export const METRIC_DEFINITIONS = {
  gross_sales: 'Value of units sold: line totals (after line discounts, before tax) of positive-quantity lines, including the new items of exchanges.',
  returns_amount: 'Value of units returned: the negative lines of returns and exchanges, shown as a positive amount.',
  net_sales: 'gross_sales - returns_amount, before tax. Equals the sum of transaction subtotals.',
  tax: 'Sales tax collected (8% of the subtotal; negative on refunds).',
  average_basket: 'gross_sales of sale transactions / number of sale transactions.',
  units_sold: 'Units on positive-quantity lines.',
  units_returned: 'Units on negative-quantity lines, as a positive number.',
  return_rate: 'returns_amount / gross_sales.',
  gross_margin: 'net_sales - cost of the net units (products.cost × quantity).',
  share: 'This row\'s part of the total across the rows of the report, in percent.',
  active_customers: 'Customers with at least one sale in the period.',
  days_of_cover: 'current_stock / average units sold per day over the period (empty when nothing sold).',
  transactions: 'Receipts: sales, returns and exchanges are counted separately where shown.',
} as const;

export type MetricName = keyof typeof METRIC_DEFINITIONS;

/** The currency of every amount: the chain's stores are in Washington State and price in US dollars. */
export const REPORT_CURRENCY = 'USD';

export const GLOSSARY_TERMS: Readonly<Record<string, string>> = {
  ...METRIC_DEFINITIONS,
  store: 'A tenant of the chain (seattle, redmond, bellevue, online). This server sees only the stores it is bound to.',
  sale: 'transaction_type = sale: a purchase; all lines positive.',
  return: 'transaction_type = return: units brought back; lines, subtotal and total are negative.',
  exchange: 'transaction_type = exchange: a returned line (negative) and a replacement line (positive) in one receipt.',
  loyalty_tier: 'bronze, silver, gold or platinum, from the customer record.',
  reorder_point: 'Stock level at or below which a product should be reordered; low stock means current_stock <= reorder_point.',
  currency: `Every amount is in ${REPORT_CURRENCY} (US dollars).`,
  period: 'Reports take start_date and end_date (inclusive, UTC days); by default the 30 days up to the latest transaction (12 months for monthly sales).',
};

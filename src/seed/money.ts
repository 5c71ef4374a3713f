/**
 * Money is integer cents everywhere in the generator; amounts become dollars only
 * when a row is built. Rounding is half away from zero, like PostgreSQL's
 * round(numeric), so `tax_amount = round(subtotal * 0.08, 2)` holds in SQL too.
 */
export const SALES_TAX_PERCENT = 8;

/** `cents * percent / 100`, rounded half away from zero, in exact integer arithmetic. */
export function percentOfCents(cents: number, percent: number): number {
  const magnitude = Math.floor((Math.abs(cents) * percent + 50) / 100);
  return cents < 0 ? 0 - magnitude : magnitude;
}

export function salesTaxCents(subtotalCents: number): number {
  return percentOfCents(subtotalCents, SALES_TAX_PERCENT);
}

/** Dollars as a number with at most two decimals (never -0). */
export function centsToDollars(cents: number): number {
  return cents === 0 ? 0 : cents / 100;
}

/** Inverse of centsToDollars for values that came from it (or from a DECIMAL(10,2) column). */
export function dollarsToCents(dollars: number): number {
  const cents = Math.round(dollars * 100);
  return cents === 0 ? 0 : cents;
}

/**
 * Splits a receipt's tax over its lines: 8% of each line, then the rounding
 * difference goes to the line with the largest amount, so the lines' tax adds up
 * to the receipt's tax exactly.
 */
export function allocateTaxCents(lineTotalsCents: readonly number[], taxCents: number): number[] {
  const shares = lineTotalsCents.map((total) => salesTaxCents(total));
  const difference = taxCents - shares.reduce((sum, share) => sum + share, 0);
  if (difference !== 0 && shares.length > 0) {
    let largest = 0;
    for (let i = 1; i < lineTotalsCents.length; i++) {
      if (Math.abs(lineTotalsCents[i]!) > Math.abs(lineTotalsCents[largest]!)) largest = i;
    }
    shares[largest]! += difference;
  }
  return shares;
}

/**
 * The four stores of schema/003_tables.sql as the generator sees them: how much of
 * the business each one does, when it opened, its phone area codes, and how many
 * tills and staff it has. Timestamps are store wall-clock time written as UTC (the
 * database sessions run in UTC), so extract(hour ...) shows the opening hours as is.
 */
export type StoreKind = 'physical' | 'online';

export interface StoreProfile {
  readonly storeId: string;
  /** Prefix of SKUs, receipt numbers, cashier and register ids. */
  readonly code: string;
  readonly kind: StoreKind;
  /** Share of customers, products and transactions. */
  readonly share: number;
  readonly openedOn: string;
  readonly areaCodes: readonly string[];
  readonly registers: number;
  readonly staff: number;
}

export const STORES: readonly StoreProfile[] = [
  { storeId: 'seattle', code: 'SEA', kind: 'physical', share: 0.3, openedOn: '2020-03-02', areaCodes: ['206', '206', '253'], registers: 6, staff: 14 },
  { storeId: 'redmond', code: 'RED', kind: 'physical', share: 0.2, openedOn: '2020-06-01', areaCodes: ['425'], registers: 4, staff: 8 },
  { storeId: 'bellevue', code: 'BEL', kind: 'physical', share: 0.2, openedOn: '2021-02-01', areaCodes: ['425', '425', '206'], registers: 4, staff: 9 },
  {
    storeId: 'online',
    code: 'ONL',
    kind: 'online',
    share: 0.3,
    openedOn: '2019-11-15',
    areaCodes: ['206', '425', '503', '415', '312', '212', '617', '303', '512', '404', '602', '971', '720', '737'],
    registers: 2,
    staff: 6,
  },
];

/** Relative traffic by hour of day; 0 = closed. Physical stores: 9:00-21:00, Sundays 10:00-18:00. */
const STORE_HOURS: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.8, 1.0, 1.4, 1.3, 1.0, 1.0, 1.1, 1.4, 1.5, 1.2, 0.7, 0, 0, 0];
const SUNDAY_HOURS: readonly number[] = STORE_HOURS.map((weight, hour) => (hour >= 10 && hour < 18 ? weight : 0));
/** Online never closes; it peaks in the evening and sleeps at night. */
const ONLINE_HOURS: readonly number[] = [0.5, 0.3, 0.2, 0.15, 0.15, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0, 1.0, 1.1, 1.1, 1.0, 1.0, 1.0, 1.1, 1.2, 1.4, 1.5, 1.5, 1.2, 0.8];

/** Sunday first. Physical stores fill up at weekends; online is nearly flat. */
const PHYSICAL_WEEKDAYS: readonly number[] = [1.3, 0.8, 0.8, 0.85, 0.9, 1.1, 1.5];
const ONLINE_WEEKDAYS: readonly number[] = [1.05, 1.05, 1.0, 1.0, 1.0, 0.95, 0.95];

/** January first: a November/December peak and a quiet late winter. */
export const MONTH_WEIGHTS: readonly number[] = [0.8, 0.75, 0.85, 0.9, 0.95, 1.0, 1.0, 1.0, 0.9, 0.95, 1.35, 1.75];

export function weekdayWeight(store: StoreProfile, weekday: number): number {
  return (store.kind === 'online' ? ONLINE_WEEKDAYS : PHYSICAL_WEEKDAYS)[weekday]!;
}

export function hourWeights(store: StoreProfile, weekday: number): readonly number[] {
  if (store.kind === 'online') return ONLINE_HOURS;
  return weekday === 0 ? SUNDAY_HOURS : STORE_HOURS;
}

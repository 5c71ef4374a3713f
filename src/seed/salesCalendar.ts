import { addMonths, dayNumber, isoDate, monthIndex, MS_PER_DAY, weekday } from './calendar.js';
import { WeightedSampler, type Rng } from './random.js';
import { MONTH_WEIGHTS, hourWeights, weekdayWeight, type StoreProfile } from './stores.js';

/**
 * When a store sells: every day of the 12 months up to and including asOf, weighted
 * by month (holiday peak), weekday (busy weekends in stores), the Black Friday
 * weekend, and closed days (physical stores close on New Year's Day, Thanksgiving
 * and Christmas Day).
 */
export class SalesCalendar {
  readonly firstDay: number;
  private readonly days: number[] = [];
  private readonly sampler: WeightedSampler;

  constructor(
    private readonly store: StoreProfile,
    asOfDay: number,
  ) {
    this.firstDay = addMonths(asOfDay, -12);
    const weights: number[] = [];
    for (let day = this.firstDay; day <= asOfDay; day++) {
      this.days.push(day);
      weights.push(this.dayWeight(day));
    }
    this.sampler = new WeightedSampler(weights);
  }

  /** A day number and a moment within that day's opening hours (milliseconds since 1970, and ISO). */
  draw(rng: Rng): { day: number; ms: number; timestamp: string } {
    const day = this.days[this.sampler.draw(rng)]!;
    const hour = rng.weightedIndex(hourWeights(this.store, weekday(day)));
    const ms = day * MS_PER_DAY + (hour * 3600 + rng.int(0, 3599)) * 1000;
    return { day, ms, timestamp: new Date(ms).toISOString() };
  }

  private dayWeight(day: number): number {
    const date = isoDate(day);
    const monthDay = date.slice(5);
    const physical = this.store.kind === 'physical';
    const thanksgiving = thanksgivingDay(Number(date.slice(0, 4)));
    if (physical && (monthDay === '01-01' || monthDay === '12-25' || day === thanksgiving)) return 0;
    let weight = MONTH_WEIGHTS[monthIndex(day)]! * weekdayWeight(this.store, weekday(day));
    // Black Friday to Cyber Monday.
    if (day > thanksgiving && day <= thanksgiving + 4) weight *= physical ? 1.9 : 2.2;
    else if (monthDay >= '12-10' && monthDay <= '12-23') weight *= 1.3;
    return weight;
  }
}

/** The fourth Thursday of November. */
function thanksgivingDay(year: number): number {
  const first = dayNumber(`${year}-11-01`);
  return first + ((4 - weekday(first) + 7) % 7) + 21;
}

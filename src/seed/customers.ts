import { en, en_US, Faker } from '@faker-js/faker';
import { addMonths, dayNumber, isoDate, isoTimestamp } from './calendar.js';
import { EMAIL_DOMAINS, SURNAMES } from './names.js';
import { allocate, type Rng } from './random.js';
import type { CustomerRow, LoyaltyTier } from './rows.js';
import { STORES, type StoreProfile } from './stores.js';

/** Lab 04's tier mix. Tiers are drawn first and then drive how often a customer shops (see transactions.ts). */
export const LOYALTY_TIERS: readonly (readonly [LoyaltyTier, number])[] = [
  ['bronze', 50],
  ['silver', 30],
  ['gold', 15],
  ['platinum', 5],
];

const GENDERS: readonly (readonly [string | null, number])[] = [
  ['Female', 49],
  ['Male', 47],
  ['Non-binary', 2],
  [null, 2],
];

/**
 * Customers of each store, with total_lifetime_value 0 and updated_at = created_at:
 * both are settled once the sales exist. Names come from a faker instance seeded
 * from the customer stream (its own state, never the global faker). One row at a
 * time; emails are unique per store, so only the current store's are remembered.
 */
export function* customerRows(rng: Rng, total: number, asOfDay: number): Generator<CustomerRow> {
  const faker = new Faker({ locale: [en_US, en] });
  faker.seed(rng.uint32());
  const perStore = allocate(total, STORES.map((store) => store.share));
  for (const [storeIndex, store] of STORES.entries()) {
    const emails = new Set<string>();
    for (let i = 0; i < perStore[storeIndex]!; i++) yield buildCustomer(rng, faker, store, emails, asOfDay);
  }
}

function buildCustomer(rng: Rng, faker: Faker, store: StoreProfile, emails: Set<string>, asOfDay: number): CustomerRow {
  const gender = rng.weighted(GENDERS);
  const firstName = faker.person.firstName(gender === 'Female' ? 'female' : gender === 'Male' ? 'male' : undefined);
  const lastName = rng.pick(SURNAMES);
  const birthDay = skewedDay(rng, addMonths(asOfDay, -80 * 12) + 1, addMonths(asOfDay, -18 * 12));
  const email = uniqueEmail(rng, firstName, lastName, birthDay, emails);
  const opened = dayNumber(store.openedOn);
  const earliest = addMonths(asOfDay, -5 * 12);
  // Nobody became a customer of a store before it opened (unless asOf predates the opening).
  const sinceDay = rng.int(opened <= asOfDay ? Math.max(earliest, opened) : earliest, asOfDay);
  const hours = store.kind === 'online' ? [0, 24 * 3600 - 1] : [9 * 3600, 21 * 3600 - 1];
  const createdAt = isoTimestamp(sinceDay, rng.int(hours[0]!, hours[1]!));
  return {
    customer_id: rng.uuid(),
    store_id: store.storeId,
    first_name: firstName,
    last_name: lastName,
    email,
    phone: rng.chance(0.9) ? `(${rng.pick(store.areaCodes)}) ${rng.int(201, 989)}-${String(rng.int(0, 9999)).padStart(4, '0')}` : null,
    date_of_birth: isoDate(birthDay),
    gender,
    customer_since: isoDate(sinceDay),
    loyalty_tier: rng.weighted(LOYALTY_TIERS),
    total_lifetime_value: 0,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

/** Triangular between the bounds: more customers in their 40s than at 18 or 80. */
function skewedDay(rng: Rng, from: number, to: number): number {
  return from + Math.floor(((rng.float() + rng.float()) / 2) * (to - from + 1));
}

function asciiLower(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function uniqueEmail(rng: Rng, firstName: string, lastName: string, birthDay: number, taken: Set<string>): string {
  const first = asciiLower(firstName) || 'customer';
  const last = asciiLower(lastName) || 'shopper';
  const year = isoDate(birthDay).slice(0, 4);
  const local = rng.weighted<() => string>([
    [() => `${first}.${last}`, 35],
    [() => `${first}${last}`, 15],
    [() => `${first[0]}${last}`, 15],
    [() => `${first}_${last}`, 10],
    [() => `${first}.${last}${year.slice(2)}`, 8],
    [() => `${first}${year}`, 7],
    [() => `${last}.${first}`, 10],
  ])();
  const domain = rng.weighted(EMAIL_DOMAINS);
  let email = `${local}@${domain}`;
  for (let attempt = 0; taken.has(email); attempt++) email = `${local}${rng.int(2, attempt < 20 ? 99 : 99999)}@${domain}`;
  taken.add(email);
  return email;
}

import type { CategoryCatalogue, ItemTemplate } from './catalogue/index.js';
import type { Rng } from './random.js';

/**
 * Two to four sentences from a template's fragments: what the item is and its best
 * features, what it is made of, what it is for, and (usually) who it suits. The
 * sentence frames avoid verbs that would have to agree with plural names such as
 * "Headphones" or "Jeans".
 */
const DEFAULT_MATERIAL_LEADS = ['Made with', 'Made from', 'Built with'];

/**
 * `noun` is the item without brand or series ("Noise Cancelling Headphones"), or a
 * title. A `canonical` description leads with the template's first feature, use and
 * audience (the ones shoppers search for), so every store's staple can be found.
 */
export function describeProduct(rng: Rng, category: CategoryCatalogue, template: ItemTemplate, brand: string, noun: string, canonical: boolean): string {
  const [first, second] = pickTwo(rng, template.features, canonical);
  const features = pair(first, second);
  const sentences = [
    template.nameStyle === 'title'
      ? `${noun} is ${template.kindLabel ?? 'a title'} from ${brand}, with ${features}.`
      : rng.pick([`${noun} from ${brand} with ${features}.`, `Meet the ${brand} ${noun}: ${features}.`, `The ${brand} ${noun}, with ${features}.`]),
    `${rng.pick(template.materialLead ?? category.materialLead ?? DEFAULT_MATERIAL_LEADS)} ${rng.pick(template.materials)}.`,
  ];
  const [use, otherUse] = pickTwo(rng, template.uses, canonical);
  sentences.push(rng.pick([`Ideal for ${pair(use, otherUse)}.`, `Perfect for ${use}.`, `Designed for ${pair(use, otherUse)}.`]));
  // Gift ideas always say so, so that "a gift for ..." searches find them.
  const audience = canonical ? template.audiences[0]! : rng.pick(template.audiences);
  if (template.tags.includes('gift-idea')) sentences.push(`A thoughtful gift for ${audience}.`);
  else if (canonical || rng.chance(0.75)) {
    sentences.push(rng.pick([`A great choice for ${audience}.`, `Recommended for ${audience}.`]));
  }
  return sentences.join(' ');
}

/** Two different fragments in random order, or the first fragment and a random other one. */
function pickTwo(rng: Rng, fragments: readonly string[], keepFirst: boolean): [string, string | undefined] {
  if (!keepFirst) return rng.sample(fragments, 2) as [string, string | undefined];
  return [fragments[0]!, fragments.length > 1 ? rng.pick(fragments.slice(1)) : undefined];
}

/** "a and b", or "a, as well as b" when either already contains an "and" or a list. */
function pair(first: string, second: string | undefined): string {
  if (second === undefined) return first;
  const busy = /\band\b|,/.test(first) || /\band\b|,/.test(second);
  return busy ? `${first}, as well as ${second}` : `${first} and ${second}`;
}

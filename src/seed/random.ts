/**
 * The one source of randomness of the generator: a small counter-based PRNG (sfc32)
 * seeded through splitmix32. Only integer and +-*\/ arithmetic is used, so the same
 * seed gives the same stream on every JavaScript engine (Math.random, Math.log and
 * friends are engine-dependent and never used).
 */
const TWO_POW_32 = 4294967296;

/** FNV-1a over UTF-16 code units: turns a stream label into 32 bits. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(words: readonly [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = words;
    // Discard the first outputs: sfc32 needs a few rounds to mix a weak seed.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /**
   * An independent stream per (seed, label), so that e.g. the number of customers
   * does not shift the products: each phase draws from its own stream.
   */
  static stream(seed: number, label: string): Rng {
    const low = seed % TWO_POW_32;
    const high = Math.floor(seed / TWO_POW_32);
    let state = (low ^ Math.imul(high, 0x27d4eb2d) ^ hashLabel(label)) | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, value] = splitmix32(state);
      state = next;
      words.push(value);
    }
    return new Rng([words[0]!, words[1]!, words[2]!, words[3]!]);
  }

  /** Writes the generator's state (4 words) at `offset`, so that restoreState can come back to this point. */
  saveState(into: Int32Array, offset: number): void {
    into[offset] = this.a;
    into[offset + 1] = this.b;
    into[offset + 2] = this.c;
    into[offset + 3] = this.d;
  }

  /** Continues from a state written by saveState: the same draws follow. */
  restoreState(from: Int32Array, offset: number): void {
    this.a = from[offset]!;
    this.b = from[offset + 1]!;
    this.c = from[offset + 2]!;
    this.d = from[offset + 3]!;
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Index drawn with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let target = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i]!;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    return choices[this.weightedIndex(choices.map(([, weight]) => weight))]![0];
  }

  /** `count` distinct items in random order (all of them if there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /** A random version-4 UUID whose bits come from this stream. */
  uuid(): string {
    const a = this.uint32();
    const b = (this.uint32() & 0xffff0fff) | 0x00004000; // version 4
    const c = (this.uint32() & 0x3fffffff) | 0x80000000; // RFC 4122 variant
    const d = this.uint32();
    return uuidText(a, b, c, d);
  }
}

const HEX_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
const DASH = 45;
const uuidCodes = new Array<number>(36).fill(DASH);

function putHex(position: number, value: number, digits: number): void {
  for (let i = digits - 1; i >= 0; i--) {
    uuidCodes[position + i] = HEX_CODES[value & 15]!;
    value >>>= 4;
  }
}

/**
 * xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx from four 32-bit words, as one flat string:
 * joined from pieces, V8 keeps a tree of them (about 400 bytes per id, measured),
 * which the generator's compact indexes would pay for millions of times.
 */
function uuidText(a: number, b: number, c: number, d: number): string {
  putHex(0, a, 8);
  putHex(9, b >>> 16, 4);
  putHex(14, b & 0xffff, 4);
  putHex(19, c >>> 16, 4);
  putHex(24, c & 0xffff, 4);
  putHex(28, d, 8);
  return String.fromCharCode.apply(null, uuidCodes);
}

/** Draws from a fixed discrete distribution in O(log n): cumulative weights and binary search. */
export class WeightedSampler {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(weights: readonly number[]) {
    let running = 0;
    for (const weight of weights) {
      running += weight;
      this.cumulative.push(running);
    }
    this.total = running;
  }

  get size(): number {
    return this.cumulative.length;
  }

  draw(rng: Rng): number {
    const target = rng.float() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** Splits `total` into integer parts proportional to `shares` (largest remainder; ties go to the earlier share). */
export function allocate(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((acc, share) => acc + share, 0);
  const exact = shares.map((share) => (total * share) / sum);
  const parts = exact.map((value) => Math.floor(value));
  let left = total - parts.reduce((acc, part) => acc + part, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((x, y) => y.remainder - x.remainder || x.index - y.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}

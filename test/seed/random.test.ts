import { describe, expect, it } from 'vitest';
import { allocate, Rng, WeightedSampler } from '../../src/seed/random.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('seeded randomness', () => {
  it('repeats the same stream for the same seed and label', () => {
    const first = Rng.stream(42, 'customers');
    const second = Rng.stream(42, 'customers');
    const draws = Array.from({ length: 50 }, () => [first.uint32(), second.uint32()]);
    for (const [a, b] of draws) expect(a).toBe(b);
  });

  it('gives different streams for different seeds, labels and seeds beyond 32 bits', () => {
    const firstDraw = (seed: number, label: string) => Rng.stream(seed, label).uint32();
    expect(firstDraw(1, 'a')).not.toBe(firstDraw(2, 'a'));
    expect(firstDraw(1, 'a')).not.toBe(firstDraw(1, 'b'));
    expect(firstDraw(5, 'a')).not.toBe(firstDraw(5 + 2 ** 32, 'a'));
  });

  it('makes valid, distinct version-4 UUIDs', () => {
    const rng = Rng.stream(7, 'uuid');
    const ids = Array.from({ length: 5_000 }, () => rng.uuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const rng = Rng.stream(3, 'int');
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(rng.int(1, 5));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('draws weighted choices in proportion to their weights', () => {
    const rng = Rng.stream(11, 'weights');
    const sampler = new WeightedSampler([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[sampler.draw(rng)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
  });

  it('allocates a total over shares exactly, largest remainder first', () => {
    expect(allocate(10, [0.3, 0.2, 0.2, 0.3])).toEqual([3, 2, 2, 3]);
    expect(allocate(1, [0.3, 0.2, 0.2, 0.3])).toEqual([1, 0, 0, 0]);
    expect(allocate(7, [1, 0, 1])).toEqual([4, 0, 3]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
  });
});

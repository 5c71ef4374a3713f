import { describe, expect, it } from 'vitest';
import { contentHash, embeddingText } from '../../src/embeddings/embeddingText.js';

const cooler = {
  product_name: 'TrailChill 30L Cooler',
  brand: 'Zava Outdoor',
  category_name: 'Sports & Outdoors',
  product_description: 'Insulated cooler that keeps drinks cold\n for three days.',
  tags: ['camping', 'bestseller', 'camping', ' '],
};

describe('embeddingText', () => {
  it('joins name, brand, category, description and sorted unique tags, one per line', () => {
    expect(embeddingText(cooler)).toBe(
      'TrailChill 30L Cooler\nBrand: Zava Outdoor\nCategory: Sports & Outdoors\nInsulated cooler that keeps drinks cold for three days.\nTags: bestseller, camping',
    );
  });

  it('leaves out missing fields instead of writing empty labels', () => {
    expect(embeddingText({ product_name: 'Mug', brand: null, category_name: '', product_description: null, tags: null })).toBe('Mug');
  });

  it('does not change when only whitespace or tag order changes', () => {
    const reshuffled = { ...cooler, product_name: '  TrailChill  30L Cooler ', tags: ['bestseller', 'camping'] };
    expect(embeddingText(reshuffled)).toBe(embeddingText(cooler));
  });
});

describe('contentHash', () => {
  it('is the sha256 of the UTF-8 text in lowercase hex', () => {
    expect(contentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(contentHash('café')).not.toBe(contentHash('cafe'));
  });
});

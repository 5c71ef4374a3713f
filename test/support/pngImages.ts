import { PNG } from 'pngjs';
import { expect } from 'vitest';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Buffer;
}

export function decodePng(bytes: Buffer): DecodedPng {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: png.data };
}

/** The variance of the pixels' luminance (0..255 squared): 0 for a blank picture of one colour. */
export function luminanceVariance(image: DecodedPng): number {
  let sum = 0;
  let squares = 0;
  const pixels = image.width * image.height;
  for (let offset = 0; offset < image.data.length; offset += 4) {
    const luminance = 0.2126 * image.data[offset]! + 0.7152 * image.data[offset + 1]! + 0.0722 * image.data[offset + 2]!;
    sum += luminance;
    squares += luminance * luminance;
  }
  const mean = sum / pixels;
  return squares / pixels - mean * mean;
}

/** Distinct RGBA colours, counted up to `enough`. */
export function distinctColours(image: DecodedPng, enough = 64): number {
  const seen = new Set<number>();
  for (let offset = 0; offset < image.data.length && seen.size < enough; offset += 4) seen.add(image.data.readUInt32BE(offset));
  return seen.size;
}

/**
 * A real PNG of the given size with something drawn on it: it decodes, and its pixels
 * vary (a white or single-colour frame would not), with text and marks in several colours.
 */
export function expectDrawnPng(bytes: Buffer, size: { width: number; height: number }): DecodedPng {
  const image = decodePng(bytes);
  expect({ width: image.width, height: image.height }).toEqual(size);
  expect(luminanceVariance(image)).toBeGreaterThan(100);
  expect(distinctColours(image)).toBeGreaterThanOrEqual(16);
  return image;
}

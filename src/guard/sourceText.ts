/**
 * The model's SQL seen both as JavaScript text and as the UTF-8 bytes the parser
 * works on: every location libpg-query reports is a byte offset, and a wrong
 * conversion would cut a statement in the middle of a multi-byte character.
 */
export class SourceText {
  readonly bytes: Buffer;

  constructor(readonly text: string) {
    this.bytes = Buffer.from(text, 'utf8');
  }

  /** The exact text between two byte offsets. */
  sliceBytes(start: number, end: number): string {
    return this.bytes.subarray(start, end).toString('utf8');
  }

  /** 1-based position in the JavaScript string (PostgreSQL's convention for positions). */
  positionOfByte(byteOffset: number): number {
    const clamped = Math.max(0, Math.min(byteOffset, this.bytes.length));
    return this.bytes.subarray(0, clamped).toString('utf8').length + 1;
  }

  /** 1-based position from a 0-based code point index (the parser's error cursor). */
  positionOfCodePoint(codePointIndex: number): number {
    let units = 0;
    let points = 0;
    for (const char of this.text) {
      if (points >= codePointIndex) break;
      units += char.length;
      points++;
    }
    return units + 1;
  }
}

/**
 * Text the parser and the server could read differently: NUL ends a C string
 * early, and a lone surrogate has no UTF-8 form (the WebAssembly encoder and
 * Buffer would disagree on byte offsets).
 */
export function describeUnsafeCharacters(text: string): string | undefined {
  if (text.includes('\u0000')) return 'the SQL contains a NUL character';
  if (/\p{Cs}/u.test(text)) return 'the SQL contains an unpaired UTF-16 surrogate (not valid Unicode)';
  return undefined;
}

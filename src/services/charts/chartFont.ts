import path from 'node:path';
import { packageRoot } from '../../packageRoot.js';

/** The font files shipped with the package: Vega measures with them and resvg draws with them, and no system font is read. */
export function chartFontFiles(): { regular: string; bold: string } {
  const dir = path.join(packageRoot(), 'fonts');
  return { regular: path.join(dir, 'OpenSans-Regular.ttf'), bold: path.join(dir, 'OpenSans-Bold.ttf') };
}

/** The text item fields Vega passes when it asks for a width. */
export interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

export type TextWidth = (item: TextItem, text: unknown) => number;

/**
 * Text widths from the advance widths (and kerning) of the shipped font, as resvg
 * will draw it. Without this Vega guesses 0.8 em per character when no canvas is
 * installed, and titles, legends and label limits come out wrong.
 */
export async function fontTextWidth(): Promise<TextWidth> {
  const { default: opentype } = await import('opentype.js');
  const files = chartFontFiles();
  const regular = opentype.loadSync(files.regular);
  const bold = opentype.loadSync(files.bold);
  return (item, text) => {
    const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
    const value = text === undefined || text === null ? '' : String(text).trim();
    if (size <= 0 || value === '') return 0;
    const font = isBold(item.fontWeight) ? bold : regular;
    const width = font.getAdvanceWidth(value, size, { kerning: true });
    // Vega truncates a label with a limit itself, asking for widths as it goes; a limited label is never wider than its limit.
    return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}

function isBold(weight: number | string | undefined): boolean {
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
}

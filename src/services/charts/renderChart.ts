import type * as ResvgJs from '@resvg/resvg-js';
import type * as VegaModule from 'vega';
import type * as VegaLiteModule from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { ZavaError } from '../../errors.js';
import { chartFontFiles, fontTextWidth, type TextWidth } from './chartFont.js';
import { CHART_FONT_FAMILY } from './chartTheme.js';

export type ChartFormat = 'png' | 'svg';

export const CHART_MIME_TYPES = { png: 'image/png', svg: 'image/svg+xml' } as const satisfies Record<ChartFormat, string>;

/** A drawn chart: the file's bytes and its size in pixels. */
export interface ChartImage {
  format: ChartFormat;
  mimeType: (typeof CHART_MIME_TYPES)[ChartFormat];
  data: Buffer;
  width: number;
  height: number;
  /** What Vega or Vega-Lite warned about while drawing; our own specifications should cause none. */
  warnings: string[];
}

/**
 * A picture's bounds: sharp at 1.5 pixels per unit when it fits, never larger than
 * 1600 × 1000 pixels or 300 KB (a busy chart is drawn smaller until it fits).
 */
export const IMAGE_LIMITS = { pixelRatio: 1.5, maxWidth: 1600, maxHeight: 1000, maxBytes: 300_000, shrinkStep: 0.8, minWidth: 400 } as const;

// Types only: the modules themselves are imported on the first chart (loadEngines).
type Vega = typeof VegaModule;
type VegaLite = typeof VegaLiteModule;
type ResvgModule = typeof ResvgJs;

interface Engines {
  vega: Vega;
  vegaLite: VegaLite;
  resvg: ResvgModule;
}

let engines: Promise<Engines> | undefined;

/** Vega, Vega-Lite, resvg and the font load on the first chart only, so other commands never pay for them. */
function loadEngines(): Promise<Engines> {
  engines ??= (async () => {
    const [vega, vegaLite, resvg, textWidth] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js'), fontTextWidth()]);
    measureTextWith(vega, textWidth);
    return { vega, vegaLite, resvg };
  })().catch((error: unknown) => {
    engines = undefined;
    throw new ZavaError('feature_unavailable', 'charts are unavailable: the chart renderer (vega, vega-lite, @resvg/resvg-js, opentype.js) or its font did not load; reinstall zava-retail-mcp', {}, { cause: error });
  });
  return engines;
}

/**
 * Vega measures text for layout (titles, legends, label limits) through one
 * module-wide object, and lets a program replace its width function; ours measures
 * with the font resvg draws with, so layout and picture agree on every machine.
 */
function measureTextWith(vega: Vega, textWidth: TextWidth): void {
  (vega as unknown as { textMetrics: { width: TextWidth } }).textMetrics.width = textWidth;
}

/** Renders one at a time: Vega numbers its SVG definitions (clip paths) from a module-wide counter that each render resets. */
let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work);
  queue = run.catch(() => undefined);
  return run;
}

/** Draws a Vega-Lite specification as SVG or PNG, headless and offline. */
export function renderChart(spec: TopLevelSpec, format: ChartFormat): Promise<ChartImage> {
  return oneAtATime(async () => {
    const loaded = await loadEngines();
    const { svg, warnings } = await renderSvg(loaded, spec);
    if (format === 'svg') return { format, mimeType: CHART_MIME_TYPES.svg, data: Buffer.from(svg, 'utf8'), ...svgSize(svg), warnings };
    return { format, mimeType: CHART_MIME_TYPES.png, ...renderPng(loaded.resvg, svg), warnings };
  });
}

async function renderSvg({ vega, vegaLite }: Engines, spec: TopLevelSpec): Promise<{ svg: string; warnings: string[] }> {
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, level, args) => (level === 'ERROR' ? errors : warnings).push(args.map(String).join(' ')));
  const compiled = vegaLite.compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: offlineLoader(vega, errors), logger, logLevel: vega.Warn });
  try {
    await view.runAsync();
    vega.resetSVGDefIds();
    const svg = await view.toSVG();
    if (errors.length > 0) throw new ZavaError('internal', `the chart could not be drawn: ${errors[0]}`);
    return { svg, warnings };
  } finally {
    view.finalize();
  }
}

/**
 * Charts carry their data inline; a specification that asks to load anything is
 * refused, and the chart with it (Vega itself would only warn and draw no data).
 */
function offlineLoader(vega: Vega, errors: string[]): ReturnType<Vega['loader']> {
  const refuse = () => {
    errors.push('charts load nothing: data must be inline');
    return Promise.reject(new Error(errors.at(-1)));
  };
  return Object.assign(vega.loader(), { load: refuse, sanitize: refuse, http: refuse, file: refuse });
}

function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const attribute = (name: string) => Number(new RegExp(`\\b${name}="([\\d.]+)"`).exec(root)?.[1] ?? Number.NaN);
  return { width: attribute('width'), height: attribute('height') };
}

function renderPng(resvg: ResvgModule, svg: string): { data: Buffer; width: number; height: number } {
  const font = { loadSystemFonts: false, fontFiles: Object.values(chartFontFiles()), defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY };
  const natural = svgSize(svg);
  let width = Math.floor(Math.min(natural.width * IMAGE_LIMITS.pixelRatio, IMAGE_LIMITS.maxWidth, (natural.width * IMAGE_LIMITS.maxHeight) / natural.height));
  for (;;) {
    const image = new resvg.Resvg(svg, { font, fitTo: { mode: 'width', value: width }, background: 'white', logLevel: 'off' }).render();
    const data = image.asPng();
    if (data.length <= IMAGE_LIMITS.maxBytes) return { data, width: image.width, height: image.height };
    const smaller = Math.floor(width * IMAGE_LIMITS.shrinkStep);
    if (smaller < IMAGE_LIMITS.minWidth) {
      throw new ZavaError('result_too_large', `the chart does not fit in ${IMAGE_LIMITS.maxBytes / 1000} KB; ask for fewer rows (limit) or a shorter period`);
    }
    width = smaller;
  }
}

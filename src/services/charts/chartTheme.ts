import type { Config } from 'vega-lite';

/** The one typeface of every chart, shipped in fonts/ (see fonts/README.md); measured and drawn from the same files. */
export const CHART_FONT_FAMILY = 'Open Sans';

/** The plot area, before titles, axes and legends are added around it. */
export const PLOT = { width: 720, seriesHeight: 360, barStep: 22, minHeight: 120, maxHeight: 760, emptyHeight: 240 } as const;

/** Longest name label beside a bar, in pixels; longer names end in an ellipsis. */
export const NAME_LABEL_LIMIT = 280;

/** Sizes for a picture that clients show at about 800 pixels wide. */
export const CHART_CONFIG: Config = {
  font: CHART_FONT_FAMILY,
  background: 'white',
  padding: 16,
  title: { fontSize: 18, subtitleFontSize: 13, subtitleColor: '#444', anchor: 'start', offset: 14, subtitlePadding: 4 },
  axis: { labelFontSize: 12, titleFontSize: 13, titlePadding: 10, labelColor: '#333', titleColor: '#222', labelSeparation: 8 },
  axisQuantitative: { tickCount: 8 },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: 'top' },
  view: { stroke: null },
  bar: { color: '#4c78a8' },
  line: { color: '#4c78a8', strokeWidth: 2 },
};

/** One colour per store, the same store always the same colour within a chart. */
export const STORE_COLOURS = 'tableau10';

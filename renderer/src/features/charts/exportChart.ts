/**
 * Export of a chart as SVG or PNG, within the window's CSP (no external fonts, styles or
 * network): the chart's SVG is cloned with its computed styles inlined — CSS variables and
 * stylesheet rules mean nothing in a standalone file — set on the theme's card background with its
 * title and legend drawn in, and serialised with XMLSerializer; main writes it where the user
 * chose (saveChartImage.ts). The PNG is that SVG drawn onto a canvas at `scale` times its size.
 *
 * The image is sized to what the chart draws (its content's bounding box), not to the element: a
 * label drawn past the chart's edge, as the last tick of an axis can be, is kept rather than cut.
 */

import { resolvedColor } from './chartTheme';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The computed properties that decide how an SVG element paints. */
const paintProperties = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'color',
  'display',
  'visibility',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'paint-order',
] as const;

/** Parts of a live chart that show hover state, not data. */
const transientSelectors = ['.recharts-tooltip-cursor', '.recharts-active-dot'];

/** What goes around the chart in the exported image. */
export interface ExportOptions {
  /** Drawn above the chart. */
  title?: string;
  /** A legend element whose `[data-legend-item]` children each hold an `<svg>` swatch and a label. */
  legend?: Element | null;
  /** The background colour; the theme's card colour (--card) by default. */
  background?: string;
}

/** Room left around content drawn past the chart's own box. */
const OVERFLOW_MARGIN = 4;

/** A standalone SVG document and its size in CSS pixels. */
export interface ComposedSvg {
  markup: string;
  width: number;
  height: number;
}

/**
 * The chart as an image file's content: SVG markup, or a PNG (`scale` device pixels per CSS pixel)
 * as base64, the form the `charts:save` channel carries.
 */
export async function chartImage(
  svgElement: SVGSVGElement,
  format: 'png' | 'svg',
  options: ExportOptions = {},
  scale = 2,
): Promise<string> {
  const composed = composeSvg(svgElement, options);
  if (format === 'svg') return composed.markup;
  const bytes = new Uint8Array(await (await rasterize(composed, scale)).arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and a large PNG is too many.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The chart as a standalone SVG document with background, title and legend. */
export function composeSvg(svgElement: SVGSVGElement, options: ExportOptions = {}): ComposedSvg {
  const theme = getComputedStyle(svgElement);
  const drawn = drawnArea(svgElement);
  const background = options.background ?? resolvedColor(svgElement, '--color-surface', '#ffffff');
  const foreground = resolvedColor(svgElement, '--color-text', '#1f2328');
  const fontFamily = theme.fontFamily || 'system-ui, sans-serif';
  const pad = 16;
  const width = Math.ceil(drawn.width);

  const root = svgNode('svg', { xmlns: SVG_NS, width, 'font-family': fontFamily });
  const backdrop = svgNode('rect', { x: 0, y: 0, width, fill: background });
  root.append(backdrop);

  let y = pad;
  if (options.title) {
    const title = svgNode('text', {
      x: pad,
      y: y + 15,
      fill: foreground,
      'font-size': 16,
      'font-weight': 600,
    });
    title.textContent = options.title;
    root.append(title);
    const titleTag = svgNode('title', {});
    titleTag.textContent = options.title;
    root.prepend(titleTag);
    y += 28;
  }

  const chart = cloneWithStyles(svgElement);
  for (const selector of transientSelectors) {
    for (const node of chart.querySelectorAll(selector)) node.remove();
  }
  for (const name of ['role', 'tabindex', 'class', 'aria-label']) chart.removeAttribute(name);
  // The clone's viewBox is the drawn area, so nothing drawn past the chart's edge is cut.
  setAttributes(chart, {
    x: 0,
    y,
    width: drawn.width,
    height: drawn.height,
    viewBox: `${drawn.viewBox.x} ${drawn.viewBox.y} ${drawn.viewBox.width} ${drawn.viewBox.height}`,
    preserveAspectRatio: 'none',
    overflow: 'visible',
  });
  root.append(chart);
  y += drawn.height;

  if (options.legend) y = appendLegend(root, options.legend, { y: y + 8, width, pad, fontFamily }) + 4;
  const height = Math.ceil(y + pad / 2);

  setAttributes(root, { height, viewBox: `0 0 ${width} ${height}` });
  backdrop.setAttribute('height', String(height));
  const markup = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { markup, width, height };
}

/** A box in the chart's user units (its viewBox coordinates). */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What the chart draws: its own box joined with its content's bounding box (plus a margin where
 * the content goes past), in user units for the clone's viewBox and in CSS pixels for the image.
 */
function drawnArea(svg: SVGSVGElement): { viewBox: Box; width: number; height: number } {
  const client = svg.getBoundingClientRect();
  const width = numericAttribute(svg, 'width') ?? client.width;
  const height = numericAttribute(svg, 'height') ?? client.height;
  const declared = svg.viewBox?.baseVal;
  const own: Box =
    declared && declared.width > 0 && declared.height > 0
      ? { x: declared.x, y: declared.y, width: declared.width, height: declared.height }
      : { x: 0, y: 0, width, height };
  const content = contentBox(svg);
  const box = content ? union(own, content) : own;
  // CSS pixels per user unit, as the chart is shown.
  const scaleX = width / own.width;
  const scaleY = height / own.height;
  return { viewBox: box, width: Math.ceil(box.width * scaleX), height: Math.ceil(box.height * scaleY) };
}

/** The bounding box of what the SVG draws; null when it draws nothing measurable (hidden). */
function contentBox(svg: SVGSVGElement): Box | null {
  try {
    const box = svg.getBBox();
    return box.width > 0 || box.height > 0 ? box : null;
  } catch {
    return null; // not rendered: nothing to measure
  }
}

/** `own` grown to hold `content`, with a margin on each side where the content goes past it. */
function union(own: Box, content: Box): Box {
  const m = OVERFLOW_MARGIN;
  const left = content.x < own.x ? content.x - m : own.x;
  const top = content.y < own.y ? content.y - m : own.y;
  const right = Math.max(
    own.x + own.width,
    content.x + content.width + (content.x + content.width > own.x + own.width ? m : 0),
  );
  const bottom = Math.max(
    own.y + own.height,
    content.y + content.height + (content.y + content.height > own.y + own.height ? m : 0),
  );
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Lays the legend's swatches and labels out in rows; returns the y below the last row. */
function appendLegend(
  root: SVGSVGElement,
  legend: Element,
  layout: { y: number; width: number; pad: number; fontFamily: string },
): number {
  const items = [...legend.querySelectorAll('[data-legend-item]')];
  if (items.length === 0) return layout.y;
  const fontSize = 13;
  const measure = textMeasurer(`${fontSize}px ${layout.fontFamily}`);
  const rowHeight = 20;
  let x = layout.pad;
  let y = layout.y;
  for (const item of items) {
    const swatch = item.querySelector('svg');
    const label = item.textContent?.trim() ?? '';
    const itemWidth = 30 + 6 + measure(label) + 18;
    if (x > layout.pad && x + itemWidth > layout.width - layout.pad) {
      x = layout.pad;
      y += rowHeight;
    }
    if (swatch) {
      const copy = cloneWithStyles(swatch);
      copy.removeAttribute('aria-hidden');
      copy.removeAttribute('focusable');
      setAttributes(copy, { x, y: y + 2, width: 30, height: 14 });
      root.append(copy);
    }
    const text = svgNode('text', {
      x: x + 36,
      y: y + 13,
      'font-size': fontSize,
      fill: getComputedStyle(item).color || 'currentColor',
    });
    text.textContent = label;
    root.append(text);
    x += itemWidth;
  }
  return y + rowHeight;
}

/** A deep clone of an SVG element with each element's computed paint properties inlined. */
function cloneWithStyles<E extends Element>(source: E): E {
  const clone = source.cloneNode(true) as E;
  inlineStyles(source, clone);
  return clone;
}

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const declarations: string[] = [];
  for (const property of paintProperties) {
    const value = computed.getPropertyValue(property);
    if (value) declarations.push(`${property}:${value}`);
  }
  target.setAttribute('style', declarations.join(';'));
  // Presentation attributes naming CSS variables mean nothing outside the app; the inlined
  // computed values above replace them.
  for (const name of ['fill', 'stroke', 'color']) {
    if (target.getAttribute(name)?.includes('var(')) target.removeAttribute(name);
  }
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let i = 0; i < sourceChildren.length; i += 1) {
    const s = sourceChildren[i];
    const t = targetChildren[i];
    if (s && t) inlineStyles(s, t);
  }
}

/** Draws the SVG on a canvas and encodes it as PNG. */
async function rasterize(composed: ComposedSvg, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([composed.markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(composed.width * scale);
    canvas.height = Math.round(composed.height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This window cannot draw images, so the chart could not be saved as PNG.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be encoded as PNG.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

function textMeasurer(font: string): (text: string) => number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * 7;
  context.font = font;
  return (text) => context.measureText(text).width;
}

function numericAttribute(element: Element, name: string): number | null {
  const value = Number.parseFloat(element.getAttribute(name) ?? '');
  return Number.isFinite(value) && value > 0 ? value : null;
}

function svgNode<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  return node;
}

function setAttributes(node: Element, attributes: Record<string, string | number>): void {
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
}

/**
 * The label axis of a horizontal bar chart, sized to its labels: as wide as the longest label
 * needs, up to a share of the chart; past that, labels wrap onto lines at word breaks. Only a
 * label that would need more than `MAX_LINES` lines is cut, and then it carries its full text in a
 * tooltip (the chart's table always has it too).
 */

/** The tick labels' font size and line height, in px. */
export const TICK_FONT_SIZE = 12;
export const TICK_LINE_HEIGHT = 14;
/** The most lines a label may take before it is cut. */
export const MAX_LINES = 3;
/** Between a label's end and the bars: recharts' tick mark (6) and margin (2), and some air. */
export const TICK_GAP = 12;
/** The share of the chart's width the label axis may take; the bars keep the rest. */
const MAX_SHARE = 0.4;
const MIN_WIDTH = 80;

/** The width of a text in px, in the tick font. */
export type Measure = (text: string) => number;

export interface CategoryAxisLayout {
  /** The axis's width in px, the gap to the bars included. */
  width: number;
  /** Each label's lines, top to bottom. */
  lines: ReadonlyMap<string, readonly string[]>;
  /** The labels cut short, whose full text goes in a tooltip. */
  truncated: ReadonlySet<string>;
  /** The most lines any label takes: the rows must be tall enough for them. */
  lineCount: number;
}

/** Lays out the labels of a label axis in a chart `chartWidth` px wide. */
export function categoryAxisLayout(
  labels: readonly string[],
  chartWidth: number,
  measure: Measure,
): CategoryAxisLayout {
  const widest = labels.reduce((most, label) => Math.max(most, measure(label)), 0);
  const widestAllowed = Math.max(MIN_WIDTH, Math.round(chartWidth * MAX_SHARE));
  if (Math.ceil(widest) + TICK_GAP <= widestAllowed) {
    return {
      width: Math.ceil(widest) + TICK_GAP,
      lines: new Map(labels.map((label) => [label, [label]])),
      truncated: new Set(),
      lineCount: 1,
    };
  }
  const room = widestAllowed - TICK_GAP;
  const lines = new Map<string, readonly string[]>();
  const truncated = new Set<string>();
  let lineCount = 1;
  let used = 0;
  for (const label of labels) {
    const wrapped = wrapLabel(label, room, measure);
    lines.set(label, wrapped.lines);
    if (wrapped.truncated) truncated.add(label);
    lineCount = Math.max(lineCount, wrapped.lines.length);
    for (const line of wrapped.lines) used = Math.max(used, measure(line));
  }
  return { width: Math.ceil(used) + TICK_GAP, lines, truncated, lineCount };
}

/**
 * `label` in lines no wider than `room`, broken between words (a word wider than the room is
 * broken inside); past `maxLines`, the last line ends in an ellipsis and `truncated` is set.
 */
export function wrapLabel(
  label: string,
  room: number,
  measure: Measure,
  maxLines = MAX_LINES,
): { lines: string[]; truncated: boolean } {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= room) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (measure(rest) > room) {
      const piece = longestFit(rest, room, measure);
      lines.push(piece);
      rest = rest.slice(piece.length);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1] ?? '', room, measure);
  return { lines: kept, truncated: true };
}

/** The longest start of `text` (at least one character) no wider than `room`. */
function longestFit(text: string, room: number, measure: Measure): string {
  const chars = Array.from(text);
  let fit = chars[0] ?? '';
  for (let n = 2; n <= chars.length; n++) {
    const piece = chars.slice(0, n).join('');
    if (measure(piece) > room) break;
    fit = piece;
  }
  return fit;
}

/** `line` with an ellipsis at its end, shortened until it fits `room`. */
function withEllipsis(line: string, room: number, measure: Measure): string {
  const chars = Array.from(line);
  while (chars.length > 0 && measure(`${chars.join('').trimEnd()}…`) > room) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

import { describe, expect, it } from 'vitest';
import {
  categoryAxisLayout,
  MAX_LINES,
  TICK_GAP,
  wrapLabel,
} from '../../../renderer/src/features/charts/categoryAxisLayout';

/** A monospace stand-in for the canvas: 7 px a character. */
const measure = (text: string) => text.length * 7;

describe('the label axis of a bar chart', () => {
  it('is as wide as the longest label needs when that fits, with every label on one line', () => {
    const labels = ['Denial', 'Minimal response', 'Abstract communication'];
    const axis = categoryAxisLayout(labels, 900, measure);
    expect(axis.width).toBe(measure('Abstract communication') + TICK_GAP);
    expect([...axis.lines.values()]).toEqual(labels.map((l) => [l]));
    expect(axis.lineCount).toBe(1);
    expect(axis.truncated.size).toBe(0);
  });

  it('wraps long labels at word breaks within 40% of the chart, never cutting them', () => {
    const long = 'Invites discussion of thoughts or feelings about the therapist or therapy';
    const axis = categoryAxisLayout([long, 'Denial'], 600, measure); // room: 240 − gap
    expect(axis.width).toBeLessThanOrEqual(240);
    const lines = axis.lines.get(long)!;
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThanOrEqual(MAX_LINES);
    expect(lines.join(' ')).toBe(long); // every word kept, in order
    for (const line of lines) expect(measure(line) + TICK_GAP).toBeLessThanOrEqual(axis.width);
    expect(axis.lineCount).toBe(lines.length);
    expect(axis.truncated.size).toBe(0);
  });

  it('cuts only a label that needs more lines than allowed, and says so', () => {
    const huge = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const { lines, truncated } = wrapLabel(huge, 100, measure);
    expect(truncated).toBe(true);
    expect(lines).toHaveLength(MAX_LINES);
    expect(lines.at(-1)?.endsWith('…')).toBe(true);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(100);
    const axis = categoryAxisLayout([huge], 300, measure);
    expect(axis.truncated.has(huge)).toBe(true);
  });

  it('breaks a single word wider than the axis inside it', () => {
    const { lines, truncated } = wrapLabel('Supercalifragilistic', 70, measure);
    expect(lines).toEqual(['Supercalif', 'ragilistic']);
    expect(truncated).toBe(false);
  });
});

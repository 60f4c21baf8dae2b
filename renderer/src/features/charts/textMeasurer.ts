/**
 * Measures text as the charts draw it, on a canvas: no layout and no DOM node per label. The font
 * family is the page's, which SVG text inherits.
 */
export function textMeasurer(fontSize: number): (text: string) => number {
  // Without a page (rendered to text, as tests do) or a canvas, a generous guess: 0.6 em a character.
  const guess = (text: string) => text.length * fontSize * 0.6;
  if (typeof document === 'undefined') return guess;
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return guess;
  context.font = `${fontSize}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  const cache = new Map<string, number>();
  return (text) => {
    let width = cache.get(text);
    if (width === undefined) {
      width = context.measureText(text).width;
      cache.set(text, width);
    }
    return width;
  };
}

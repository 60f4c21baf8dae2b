import type { ReactNode } from 'react';

/**
 * Text with [start, end) ranges wrapped in <mark>. The text between marks stays bare text (no
 * element of its own): a page of results is mostly such text, and each element is one more box
 * for the browser to style and lay out before the results are painted.
 */
export function Highlighted({ text, marks }: { text: string; marks: Array<[number, number]> }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    // Marks are positional and never reordered, so the start is a stable key.
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

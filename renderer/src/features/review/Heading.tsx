import { createElement, type ReactNode } from 'react';

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** A heading whose level depends on where the packet is shown (preview, review mode, print). */
export function Heading({
  level,
  id,
  className,
  children,
}: {
  level: number;
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  const clamped = Math.min(6, Math.max(1, level)) as HeadingLevel;
  return createElement(`h${clamped}`, { id, className }, children);
}

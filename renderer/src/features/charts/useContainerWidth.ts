import { type RefObject, useLayoutEffect, useState } from 'react';

/**
 * The width of an element in whole pixels, measured before paint and kept up to date; null until
 * first measured, so a chart renders once at its real size rather than at a guess and again.
 * A hidden element (width 0) keeps its last width, so a chart hidden behind its table stays exportable.
 */
export function useContainerWidth(ref: RefObject<HTMLElement | null>, fallback = 720): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (w: number) => {
      const rounded = Math.floor(w);
      setWidth((current) => (rounded > 0 ? rounded : (current ?? fallback)));
    };
    measure(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) measure(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return width;
}

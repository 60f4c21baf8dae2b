import { type RefObject, useEffect } from 'react';

/** recharts' z-index layers: `<g>` elements it renders portals into. */
const LAYERS = 'g[class^="recharts-zIndex-layer_"]:not([tabindex])';

/**
 * Keeps recharts' z-index layers out of the Tab order. React listens for events (focus among
 * them) on each portal's container, and Chromium makes an SVG element with focus listeners
 * focusable: each chart had about seven unnamed, invisible tab stops after its own (recharts
 * 3.11 no longer marks them). `tabindex="-1"` takes them out; the chart's own keyboard surface
 * (the svg) stays. Layers are added as a chart draws, so new ones are marked as they come.
 */
export function useUntabbableChartLayers(canvas: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = canvas.current;
    if (!root) return;
    const mark = () => {
      for (const layer of root.querySelectorAll(LAYERS)) layer.setAttribute('tabindex', '-1');
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [canvas]);
}
